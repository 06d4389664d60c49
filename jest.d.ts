// For TypeScript setups that ignore package exports (moduleResolution node10, as in ts-jest's common
// `module: commonjs` setup): `"types": ["perfspec/jest"]` and `import 'perfspec/jest'` find this file.
import './dist/cjs/jest.js';
