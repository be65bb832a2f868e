import type { RequestContext } from '../context.js';
import { invalidRequest } from '../errors.js';
import type { ListPage, ListQuery, StripeObject } from '../store/objects.js';
import { RawJson } from './raw-json.js';

/** Stripe's list envelope. */
export interface ListResponse<T = StripeObject> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** The cursor and `created` params every list endpoint shares, checked as Stripe checks them. */
export function listQuery(ctx: RequestContext, extra: Partial<ListQuery> = {}): ListQuery {
  const p = ctx.params;
  const limit = p.limit ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest(
      `Invalid limit: must be between 1 and 100`,
      'limit',
    );
  }
  if (p.starting_after !== undefined && p.ending_before !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.');
  }
  return {
    limit,
    startingAfter: p.starting_after,
    endingBefore: p.ending_before,
    created: p.created,
    ...extra,
  };
}

/**
 * Lists one object type with the shared params and wraps the page in the
 * envelope, assembled from the stored JSON without parsing it.
 *
 * `ownerExists` checks the list's owner (a financial account, say) and throws Stripe's 404 when
 * there is none. It runs only for an empty page: a row the owner holds proves the owner exists,
 * so a list that finds rows makes no query for it.
 */
export function listObjects(ctx: RequestContext, type: string, url: string, extra: Partial<ListQuery> = {}, ownerExists?: () => void): RawJson {
  return listEnvelope(checkedOwner(ctx.core.store.listRaw(type, listQuery(ctx, extra)), ownerExists), url);
}

/** The page, once its owner's check has run when the page is empty (see listObjects). */
export function checkedOwner<T>(page: ListPage<T>, ownerExists: (() => void) | undefined): ListPage<T> {
  if (page.data.length === 0) ownerExists?.();
  return page;
}

/** Stripe's list envelope around a page of stored JSON texts, without parsing them. */
export function listEnvelope(page: ListPage<string>, url: string): RawJson {
  return new RawJson(`{"object":"list","data":[${page.data.join(',')}],"has_more":${page.has_more},"url":${JSON.stringify(url)}}`);
}

/**
 * A cursor page over objects computed rather than stored (derived entitlements,
 * a shipped catalogue), newest first as given, in Stripe's list envelope.
 */
export function listInMemory<T extends { id: string }>(ctx: RequestContext, all: T[], url: string, human: string): ListResponse<T> {
  const q = listQuery(ctx);
  let from = 0;
  let to = all.length;
  const cursor = q.startingAfter ?? q.endingBefore;
  if (cursor !== undefined) {
    const at = all.findIndex((o) => o.id === cursor);
    if (at < 0) throw invalidRequest(`No such ${human}: '${cursor}'`, q.startingAfter ? 'starting_after' : 'ending_before', 'resource_missing');
    if (q.startingAfter) from = at + 1;
    else to = at;
  }
  const data = q.endingBefore ? all.slice(Math.max(from, to - q.limit), to) : all.slice(from, from + q.limit);
  const has_more = q.endingBefore ? to - q.limit > from : from + q.limit < to;
  return { object: 'list', data: data as never, has_more, url };
}
