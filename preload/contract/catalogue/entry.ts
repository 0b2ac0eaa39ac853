/** One catalogue entry: what happened, in one sentence, and what to do, in one sentence. */
export interface CatalogueEntry {
  readonly message: string;
  readonly fix: string;
}
