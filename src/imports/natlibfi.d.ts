// @natlibfi/marc-record-serializers ships no types; these are the two functions the import uses.
declare module '@natlibfi/marc-record-serializers' {
  import type { MarcLike } from './marc-mapping';
  interface ParsedRecord extends MarcLike { toObject(): MarcLike }
  export const ISO2709: { from(record: string, validationOptions?: Record<string, boolean>): ParsedRecord; to(record: MarcLike): string };
  export const MARCXML: { from(record: string, validationOptions?: Record<string, boolean>): Promise<ParsedRecord>; to(record: MarcLike, options?: { omitDeclaration?: boolean; indent?: boolean }): string };
}
declare module '@natlibfi/marc-record' {
  import type { MarcLike } from './marc-mapping';
  export class MarcRecord implements MarcLike {
    constructor(record?: MarcLike, validationOptions?: Record<string, boolean>);
    leader: string;
    fields: MarcLike['fields'];
    toObject(): MarcLike;
  }
}
