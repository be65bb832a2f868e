import type { EngineCore } from '../context.js';
import { resourceMissing } from '../errors.js';

/**
 * A response body that is already JSON text (objects are stored as the JSON
 * the API returns): the pipeline sends it as is unless `expand[]` needs the
 * parsed value, saving a parse and a stringify on the hottest paths.
 */
export class RawJson {
  constructor(readonly text: string) {}

  parse(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * A retrieve's answer: the object's stored JSON text as it is (a stored object is
 * exactly what the API returns), without parsing and serialising it again; or the 404.
 */
export function loadRaw(core: EngineCore, type: string, id: string, human: string, param = 'id'): RawJson {
  const text = core.store.getRaw(id, type);
  if (text === undefined) throw resourceMissing(human, id, param);
  return new RawJson(text);
}
