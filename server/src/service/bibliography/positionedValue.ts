// JSON and YAML values with the offsets where they were written, so that CSL items from either format
// give entries with ranges (the item, its id, each family name, the year, the pages).

export interface PositionedScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  /** The scalar as written, quotes included. */
  readonly start: number;
  readonly end: number;
  /** The text inside the quotes (the whole scalar when unquoted). */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Whether `value` is exactly the text from `contentStart` to `contentEnd` (no escapes or folded lines). */
  readonly verbatim: boolean;
}

export interface PositionedArray {
  readonly kind: 'array';
  readonly items: readonly PositionedValue[];
  readonly start: number;
  readonly end: number;
}

export interface PositionedMember {
  readonly key: string;
  readonly keyStart: number;
  readonly value: PositionedValue;
}

export interface PositionedObject {
  readonly kind: 'object';
  readonly members: readonly PositionedMember[];
  readonly start: number;
  readonly end: number;
}

export type PositionedValue = PositionedScalar | PositionedArray | PositionedObject;

/** A syntax error at an offset; thrown by the JSON and YAML parsers, caught per item by the readers. */
export class PositionedSyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/** The value of a member (the last one when a key repeats, as JSON.parse does). */
export function memberValue(object: PositionedObject, key: string): PositionedValue | undefined {
  for (let i = object.members.length - 1; i >= 0; i--) if (object.members[i].key === key) return object.members[i].value;
  return undefined;
}

/** The plain value, as JSON.parse would give it. */
export function plainValue(value: PositionedValue): unknown {
  switch (value.kind) {
    case 'scalar':
      return value.value;
    case 'array':
      return value.items.map(plainValue);
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const member of value.members) {
        // Own data property even for `__proto__`, like JSON.parse.
        Object.defineProperty(object, member.key, { value: plainValue(member.value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}
