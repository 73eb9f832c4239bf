import fc from 'fast-check';
import { z } from 'zod';
import { hostileText } from './hostile';

/**
 * Values that mostly satisfy a zod schema, so fuzzed calls reach the handlers instead of
 * stopping at validation: the schema is turned into JSON Schema and walked. Strings are hostile
 * within their length bounds, integers stay small so ids hit real rows.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

function fitLength(text: string, min = 0, max = Infinity): string {
  const padded = text.length >= min ? text : text + '测'.repeat(min - text.length);
  return padded.slice(0, Math.min(max, 12_000));
}

function stringArbitrary(schema: JsonSchema, key: string): fc.Arbitrary<string> {
  if (schema.pattern !== undefined) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).map((s) => fitLength(s, 0, schema.maxLength));
    } catch {
      // fall through to free text
    }
  }
  if (/base64/i.test(key))
    return fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('base64') || 'AA==');
  return fc
    .oneof(hostileText(8), fc.string({ maxLength: 6 }))
    .map((s) => fitLength(s, schema.minLength ?? 0, schema.maxLength));
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -5);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100);
  const near = Math.min(max, min + 40);
  return fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min, max: near }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

function arbitraryOf(schema: JsonSchema, key = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.length > 0) return fc.oneof(...options.map((s) => arbitraryOf(s, key, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return arbitraryOf(schema.allOf[0] ?? {}, key, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (type.length > 1) return fc.oneof(...type.map((t) => arbitraryOf({ ...schema, type: t }, key, depth + 1)));
  switch (type[0]) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, s]) => [name, arbitraryOf(s, name, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, key, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case 'string':
      return stringArbitrary(schema, key);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** An arbitrary for inputs of `schema`, or null when zod cannot describe it as JSON Schema. */
export function arbitraryForSchema(schema: z.ZodType): fc.Arbitrary<unknown> | null {
  try {
    return arbitraryOf(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema);
  } catch {
    return null;
  }
}
