import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StripeError, invalidRequest, unrecognizedUrl } from '../errors.js';
import { newId } from '../ids.js';

/**
 * Every answer that is not a handler's success leaves through here: Stripe's
 * envelope, its status, and the request's `Request-Id` (Fastify's request id is
 * a Stripe `req_…` id, see `genReqId` in server.ts).
 */
export function sendStripeError(reply: FastifyReply, err: StripeError): FastifyReply {
  return reply
    .code(err.status)
    .header('request-id', reply.request.id)
    .type('application/json')
    .send(JSON.stringify(err.toJSON()));
}

/** The longest id a path may carry (Stripe's own are far shorter). */
export const MAX_ID_LENGTH = 500;

/** The answer to a path whose id is longer than MAX_ID_LENGTH. */
export function idTooLong(): StripeError {
  return new StripeError(414, {
    type: 'invalid_request_error',
    message: `The request URL is too long: an id in the path may be at most ${MAX_ID_LENGTH} characters.`,
  });
}

/** Fastify's own errors (body limits, a bad body, router errors) as Stripe would word them. */
export function fromFastifyError(err: FastifyError | Error, method: string, path: string): StripeError {
  if (err instanceof StripeError) return err;
  const code = (err as FastifyError).code;
  const status = (err as FastifyError).statusCode ?? 500;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new StripeError(413, { type: 'invalid_request_error', message: 'The request body is too large.' });
    case 'FST_ERR_BAD_URL':
      // Stripe answers a path it cannot decode as an unknown URL.
      return unrecognizedUrl(method, path);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return idTooLong();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return invalidRequest(`The request body could not be read: ${err.message}`);
  }
  if (status >= 500) {
    console.error('[counterfoil] server error:', err);
    return new StripeError(500, {
      type: 'api_error',
      message: 'An unexpected error occurred inside Counterfoil. This is a bug; the server log has the details.',
    });
  }
  return new StripeError(status, { type: 'invalid_request_error', message: err.message });
}

/** Fastify's `frameworkErrors`: errors the router raises before any route runs. */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void sendStripeError(reply, fromFastifyError(err, req.method, pathOf(req.raw.url ?? '/')));
}

function pathOf(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive.'],
  ERR_HTTP_REQUEST_HEADERS_TIMEOUT: [408, 'The request headers took too long to arrive.'],
  HPE_URI_TOO_LONG: [414, 'The request URL is too long.'],
};

/**
 * The server's `clientError` handler: a request the HTTP parser refused (a
 * malformed header, headers over the size limit) still gets Stripe's envelope
 * and a Request-Id when the socket can take an answer.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, `The request could not be parsed as HTTP (${err.code ?? 'parse error'}).`];
  const body = JSON.stringify({ error: { type: 'invalid_request_error', message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Request-Id: ${newId('request')}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
