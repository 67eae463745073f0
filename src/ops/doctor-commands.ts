// Whether the commands Discord has registered are the ones commands/ makes: compared by what a person sees and
// types (names, descriptions, options, choices, limits), ignoring what Discord adds (ids, versions) and its defaults.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function shape(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = {
    type: value.type ?? 1,
    name: value.name,
    description: value.description ?? '',
    required: value.required === true,
    autocomplete: value.autocomplete === true,
  };
  for (const key of ['min_value', 'max_value', 'min_length', 'max_length']) if (value[key] !== undefined && value[key] !== null) out[key] = value[key];
  const choices = Array.isArray(value.choices) ? value.choices.map((c) => (isObject(c) ? `${String(c.name)}=${String(c.value)}` : String(c))) : [];
  if (choices.length) out.choices = choices;
  const types = Array.isArray(value.channel_types) ? [...value.channel_types].map(Number).sort() : [];
  if (types.length) out.channel_types = types;
  const options = Array.isArray(value.options) ? value.options.map(shape) : [];
  if (options.length) out.options = options;
  return out;
}

const keyOf = (c: unknown) => (isObject(c) ? `${String(c.type ?? 1)}:${String(c.name)}` : '');
const label = (c: unknown) => (isObject(c) ? ((c.type ?? 1) === 1 ? `/${String(c.name)}` : `"${String(c.name)}"`) : '?');

/** Plain differences, e.g. `/privacy is not registered`, `/swap has changed`; empty when they match. */
export function commandDifferences(wanted: readonly unknown[], registered: readonly unknown[]): string[] {
  const have = new Map(registered.map((c) => [keyOf(c), c]));
  const want = new Map(wanted.map((c) => [keyOf(c), c]));
  const out: string[] = [];
  for (const [key, command] of want) {
    const found = have.get(key);
    if (!found) out.push(`${label(command)} is not registered`);
    else if (JSON.stringify(shape(found)) !== JSON.stringify(shape(command))) out.push(`${label(command)} has changed`);
  }
  for (const [key, command] of have) if (!want.has(key)) out.push(`${label(command)} is registered but no longer exists`);
  return out;
}
