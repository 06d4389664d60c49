// For TypeScript setups that ignore package exports (moduleResolution node10): `import 'perfspec/vitest'` and
// `"types": ["perfspec/vitest"]` find this file.
import './dist/cjs/vitest.js';
