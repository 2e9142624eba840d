/**
 * The made-up people of the local stack, offered on the web app's "choose a local identity" page. Their ids are
 * the ones the README's curl walk-through uses, so both ways of trying the service see the same referrals.
 */
import type { Locale } from '#i18n/locale.js';
import type { Role } from '#auth/principal.js';

export interface LocalWebIdentity {
  readonly id: string;
  readonly role: Role;
  readonly siteId?: string;
  readonly name: Readonly<Record<Locale, string>>;
}

export const LOCAL_WEB_IDENTITIES: readonly LocalWebIdentity[] = [
  { id: 'dr-li', role: 'physician', name: { en: 'Dr Li Wei — haematology, Beijing', 'zh-CN': '李伟 医生 — 北京，血液科' } },
  { id: 'dr-zhang', role: 'physician', name: { en: 'Dr Zhang Min — paediatric haematology, Tianjin', 'zh-CN': '张敏 医生 — 天津，儿童血液科' } },
  {
    id: 'coord-wang',
    role: 'coordinator',
    siteId: 'hebei-yanda-ludaopei',
    name: { en: 'Wang Fang — study coordinator, Hebei Yanda Lu Daopei Hospital', 'zh-CN': '王芳 — 研究协调员，河北燕达陆道培医院' },
  },
];
