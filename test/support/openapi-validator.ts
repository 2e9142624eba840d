/**
 * Checks a reply against the OpenAPI document, with Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect): the status is
 * one the operation documents, the content type is documented (and a response without content has an empty body),
 * the body is valid against the documented schema, and every header the response marks required is there. A
 * request that matches no operation (no route, a method the path does not have) is the gateway's, not the API's:
 * nothing to check.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '#http/openapi.js';

const DOCUMENT_ID = 'https://trial-match.dev/openapi.json';

interface Response {
  readonly headers?: Record<string, { readonly required?: boolean }>;
  readonly content?: Record<string, unknown>;
}
interface Operation {
  readonly responses: Record<string, Response>;
}
type Document = ReturnType<typeof buildOpenApiDocument>;

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export interface ReplyToCheck {
  readonly method: string;
  /** The request path as sent, query included. */
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export function openApiValidator(document: Document = buildOpenApiDocument('http://127.0.0.1')) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    // Literal segments as they are (`/ResearchStudy/$match`), `{name}` as one segment.
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
    literals: template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length,
  }));

  /** The problems with a reply; empty when it matches the document. */
  return (reply: ReplyToCheck): string[] => {
    const path = reply.path.split('?')[0] ?? '';
    const match = templates.filter((t) => t.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
    const method = reply.method.toLowerCase();
    const operation = match ? ((document.paths as Record<string, Record<string, Operation | undefined>>)[match.template]?.[method]) : undefined;
    if (!match || !operation) return [];
    const where = `${reply.method} ${match.template} → ${reply.status}`;
    const response = operation.responses[String(reply.status)];
    if (!response) return [`${where}: the status is not documented`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (header.required && !reply.headers.has(name)) problems.push(`${where}: header ${name} is missing`);
    }
    const contentType = (reply.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!response.content) {
      if (reply.text !== '') problems.push(`${where}: a body where none is documented`);
      return problems;
    }
    if (method === 'head') return problems;
    if (!(contentType in response.content)) return [...problems, `${where}: content type ${contentType} is not documented`];
    const pointer = ['paths', match.template, method, 'responses', String(reply.status), 'content', contentType, 'schema'].map(escapePointer).join('/');
    const validate = ajv.getSchema(`${DOCUMENT_ID}#/${pointer}`);
    if (!validate) return [...problems, `${where}: no schema at ${pointer}`];
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
    if (!validate(body)) {
      problems.push(...(validate.errors ?? []).slice(0, 10).map((error) => `${where}: ${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`));
    }
    return problems;
  };
}
