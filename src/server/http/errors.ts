import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type services throw; the handler below turns it into `{error: {code, message, fields?}}`. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
    /** What the client needs to act on the error (the possible duplicates, …). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldError[]) =>
  new AppError('bad_request', 400, message, fields);
/** Field paths name where the field was sent, as schema errors do: `body.ownerId`, `querystring.page`. */
const fieldPath = (path: string) => (/^(body|querystring|params)(\.|$)/.test(path) ? path : `body.${path}`);

/** A request field that passed its schema but breaks a rule only the service can check. */
export const invalidField = (path: string, message: string) =>
  new AppError('validation_failed', 400, `${fieldPath(path)}: ${message}`, [
    { path: fieldPath(path), message },
  ]);
export const unauthorized = () => new AppError('unauthorized', 401, 'Sign in first');
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', 403, message);
export const notFound = (what = 'Record') => new AppError('not_found', 404, `${what} not found`);
export const staleVersion = () =>
  new AppError(
    'stale_version',
    409,
    'Someone else changed this record; reload it and apply your change again',
  );
export const conflict = (message: string, fields?: FieldError[]) =>
  new AppError(
    'conflict',
    409,
    message,
    fields?.map((f) => ({ ...f, path: fieldPath(f.path) })),
  );

function joinPath(...parts: (string | undefined)[]) {
  return parts.filter(Boolean).join('.');
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.fields ? { fields: err.fields } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const fields = err.validation.flatMap((v) => {
        const path = joinPath(where, v.instancePath.slice(1).replaceAll('/', '.'));
        // zod reports unknown fields as one issue on their parent; name each field instead.
        const keys = (v.params as { keys?: string[] }).keys;
        if (v.keyword === 'unrecognized_keys' && keys) {
          return keys.map((k) => ({ path: joinPath(path, k), message: 'unknown field' }));
        }
        return [{ path, message: v.message ?? 'invalid' }];
      });
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: fields.map((f) => `${f.path}: ${f.message}`).join('; '),
          fields,
        },
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'internal', message: 'Internal error' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'payload_too_large', message: 'Request body too large' } });
    }
    if (status === 415) {
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: err.message } });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body with a JSON content type …
      return reply.status(status).send({
        error: {
          code: 'bad_request',
          message: err.message,
          fields: [{ path: 'body', message: err.message }],
        },
      });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Internal error' } });
  });
}
