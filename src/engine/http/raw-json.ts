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
