import { describe, expect, it } from 'vitest';
import { DEMO_SECRET, productionProblems } from './production.ts';

const good = {
  nodeEnv: 'production',
  demo: false,
  secret: 'a'.repeat(64),
  publicUrl: 'https://grid.tianshui.gov.cn',
};

describe('production settings', () => {
  it('accepts a configured production server and anything outside production', () => {
    expect(productionProblems(good)).toEqual([]);
    expect(
      productionProblems({ nodeEnv: undefined, demo: true, secret: DEMO_SECRET, publicUrl: undefined }),
    ).toEqual([]);
  });

  it.each([
    ['the demo secret', { secret: DEMO_SECRET }, 'CIVICGRID_SECRET'],
    ['a short secret', { secret: 'short' }, 'CIVICGRID_SECRET'],
    ['DEMO on', { demo: true }, 'DEMO'],
    ['no public URL', { publicUrl: undefined }, 'PUBLIC_URL'],
    ['a public URL that is not one', { publicUrl: 'grid.example' }, 'PUBLIC_URL'],
  ])('refuses %s, naming the setting', (_name, change, setting) => {
    expect(productionProblems({ ...good, ...change }).map((p) => p.setting)).toEqual([setting]);
  });

  it('names every setting to fix at once', () => {
    const all = productionProblems({
      nodeEnv: 'production',
      demo: true,
      secret: DEMO_SECRET,
      publicUrl: undefined,
    });
    expect(all.map((p) => p.setting)).toEqual(['CIVICGRID_SECRET', 'DEMO', 'PUBLIC_URL']);
  });
});
