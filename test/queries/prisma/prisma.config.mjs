import { defineConfig } from 'prisma/config';

// generate never connects; the URL only has to be well-formed.
export default defineConfig({
  schema: 'schema.prisma',
  datasource: { url: 'postgresql://postgres@127.0.0.1:5432/test' },
});
