// A small assertion library for test cases that run both under Node.js and in
// a browser page (node:assert does not exist in a page). Every failure throws
// an Error whose message says what differed.

function show(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

// What rejects() and throws() expect of an error: a string is its name; a
// RegExp matches its message; an error class is an instanceof test; an Error
// object is that very error; { name, message } (message a string or a RegExp)
// both.
function wanted(expected) {
  if (typeof expected === 'string') return expected;
  if (expected instanceof RegExp) return `an error whose message matches ${expected}`;
  if (typeof expected === 'function') return `an instance of ${expected.name}`;
  if (expected instanceof Error) return `the error ${show(String(expected))} itself`;
  return `an error like ${show({ ...expected, message: String(expected.message) })}`;
}

function mismatch(error, expected) {
  const got = `got ${error?.name}: ${error?.message}`;
  let ok;
  if (typeof expected === 'string') ok = error?.name === expected;
  else if (expected instanceof RegExp) ok = expected.test(String(error?.message));
  else if (typeof expected === 'function') ok = error instanceof expected;
  else if (expected instanceof Error) ok = error === expected;
  else {
    const { name, message } = expected;
    ok = (name === undefined || error?.name === name)
      && (message === undefined || (message instanceof RegExp
        ? message.test(String(error?.message)) : error?.message === message));
  }
  return ok ? null : `expected ${wanted(expected)}, ${got}`;
}

export class CheckFailed extends Error {
  constructor(message) {
    super(message);
    this.name = 'CheckFailed';
  }
}

const fail = (message, detail) => {
  throw new CheckFailed(detail ? `${detail}: ${message}` : message);
};

// What rejects() and throws() do with the error they caught: a failed check
// inside the code under test stays that failure; any other error must be
// the expected one, and is returned.
function caught(error, expected, detail) {
  if (error instanceof CheckFailed) throw error;
  const why = mismatch(error, expected);
  if (why) fail(why, detail);
  return error;
}

export const check = {
  fail: (detail) => fail('failed', detail),
  ok(value, detail) {
    if (!value) fail(`expected a truthy value, got ${show(value)}`, detail);
  },
  equal(actual, expected, detail) {
    if (!Object.is(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`, detail);
  },
  deepEqual(actual, expected, detail) {
    if (!same(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`, detail);
  },
  match(actual, pattern, detail) {
    if (typeof actual !== 'string' || !pattern.test(actual)) {
      fail(`expected a string matching ${pattern}, got ${show(actual)}`, detail);
    }
  },
  /**
   * Awaits `promise` (or calls `fn` and awaits its result), which must fail
   * with an error that `expected` describes (see mismatch()); returns the error.
   */
  async rejects(promiseOrFn, expected, detail) {
    try {
      await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    } catch (error) {
      return caught(error, expected, detail);
    }
    return fail(`expected ${wanted(expected)}, but nothing was thrown`, detail);
  },
  /** Like rejects() for a function that must throw synchronously. */
  throws(fn, expected, detail) {
    try {
      fn();
    } catch (error) {
      return caught(error, expected, detail);
    }
    return fail(`expected ${wanted(expected)}, but nothing was thrown`, detail);
  },
};
