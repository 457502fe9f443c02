/** stylish's wrapping: words kept whole, the rule id after the last one, long words cut. */
import { describe, expect, it } from 'vitest';
import { describeExplanation, wrapText } from '../../src/report/stylish.js';

describe('wrapText', () => {
  it('wraps at word boundaries and puts the rule id on the last line when it fits', () => {
    expect(wrapText('one two three four five six seven', 'rule/x', 20)).toEqual([
      'one two three four',
      'five six seven',
      'rule/x',
    ]);
    expect(wrapText('one two three four five', 'r/x', 20)).toEqual([
      'one two three four',
      'five  r/x',
    ]);
  });

  it('cuts a word longer than a line, and never goes below 20 columns', () => {
    expect(wrapText(`a ${'x'.repeat(45)} b`, '', 20)).toEqual([
      'a',
      'x'.repeat(20),
      'x'.repeat(20),
      'xxxxx b',
    ]);
    expect(wrapText('one two three four five', '', 5)).toEqual(['one two three four', 'five']);
  });
});

describe('describeExplanation', () => {
  it('names the evidence, the loopback status and the driver', () => {
    expect(
      describeExplanation({
        environment: 'development',
        because: '`NODE_ENV=development` in this file',
        loopback: true,
        driver: 'knex',
      }),
    ).toBe('development (`NODE_ENV=development` in this file); loopback host; driver knex');
    expect(describeExplanation({ environment: 'unknown', loopback: false })).toBe(
      'environment not stated, so treated as production; not a loopback host',
    );
  });
});
