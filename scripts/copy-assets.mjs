// Copies non-TypeScript assets (report templates) next to the compiled code in dist/.
import { cpSync, existsSync } from 'node:fs';

const assets = [['src/report/templates', 'dist/report/templates']];
for (const [from, to] of assets) if (existsSync(from)) cpSync(from, to, { recursive: true });
