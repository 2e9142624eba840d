/**
 * notify-site builds every link it sends from PUBLIC_BASE_URL; at init it refuses anything that is not the service's
 * own https origin (the stack sets it from `apiDomain`, deployment.test.ts checks that side).
 */
import { describe, expect, it } from 'vitest';
import { publicBaseUrl } from '#composition/public-links.js';

describe('the base of links sent to a site', () => {
  it('is the API domain\'s https origin', () => {
    expect(publicBaseUrl('https://api.trial-match.example.cn')).toBe('https://api.trial-match.example.cn');
  });

  it('is never an API Gateway default host, in either partition', () => {
    expect(() => publicBaseUrl('https://abc123.execute-api.cn-north-1.amazonaws.com.cn')).toThrow(/own domain/);
    expect(() => publicBaseUrl('https://abc123.execute-api.us-east-1.amazonaws.com')).toThrow(/own domain/);
  });

  it('refuses http, a path or a trailing slash (links would break or double their slashes)', () => {
    expect(() => publicBaseUrl('http://api.trial-match.example.cn')).toThrow(/https/);
    expect(() => publicBaseUrl('https://api.trial-match.example.cn/v1')).toThrow(/without path/);
    expect(() => publicBaseUrl('https://api.trial-match.example.cn/')).toThrow(/trailing slash/);
    expect(() => publicBaseUrl('api.trial-match.example.cn')).toThrow(/not a URL/);
  });
});
