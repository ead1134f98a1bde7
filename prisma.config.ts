import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { prismaEnv } from './scripts/prisma-env';
import { createAdapterFactory } from './src/persistence/database-url';

// Prisma 6.19 "js" engine: no Rust binaries are downloaded (the machines are offline).
prismaEnv();

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    return createAdapterFactory();
  },
});
