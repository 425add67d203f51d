import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, OPENAPI_PATH } from '../src/cli/openapi.ts';

describe('OpenAPI document', () => {
  it('committed in docs/openapi.json matches the routes (run "npm run openapi" after changing a route)', async () => {
    expect(await generateOpenApi()).toBe(readFileSync(OPENAPI_PATH, 'utf8'));
  });

  it('gives every operation a tag, a summary and a response schema', async () => {
    const document = JSON.parse(await generateOpenApi()) as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string; responses?: Record<string, unknown> }>>;
    };
    const incomplete: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.tags?.length || !operation.summary) incomplete.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(incomplete).toEqual([]);
    expect(Object.keys(document.paths)).toContain('/api/v1/instruments/{id}/parties');
  });
});
