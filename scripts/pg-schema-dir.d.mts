export declare const SCHEMA_DIR: string;
export declare const PG_CLIENT_DIR: string;
export declare function pgSchemaDir(): { dir: string; cleanup(): void };
