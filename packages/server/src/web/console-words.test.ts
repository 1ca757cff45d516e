// The console's words (issue 13, item 9): log-in failures, setup row problems and history roles
// in the reader's language; pure functions, tested by tables of examples.
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en.ts';
import { translate, translateValue } from '../../../web/src/i18n/translate.ts';
import { zh } from '../../../web/src/i18n/zh.ts';
import { lockSeconds } from '../../../web/src/pages/login/login-problem.ts';
import { rowMessage } from '../../../web/src/pages/setup/row-message.ts';

describe('setup import row problems in the console language', () => {
  it.each([
    ['must not be empty', '不能为空'],
    ['must be a whole number ≥ 0', '须为不小于 0 的整数'],
    ['must be 1–100 characters', '长度须为 1–100 个字符'],
    ['"boss" is not one of grid_worker, leader', '“boss”不是以下之一：grid_worker, leader'],
    ['no region has the code 120101999999', '没有代码为 120101999999 的区划'],
    ['120101001001 is retired', '120101001001 已撤销'],
    ['unknown column "foo" (known: code, name)', '未知列“foo”（可用：code, name）'],
    ['the unit centre:1 repeats row 3', '单位 centre:1 与第 3 行重复'],
    ['coordinates.0.3: longitude 200 is outside -180..180', 'coordinates.0.3: 经度 200 超出 -180..180'],
    ['2027-01-04 is a weekday: it is a working day already', '2027-01-04 是工作日，本来就要上班'],
  ])('%s', (server, chinese) => {
    expect(rowMessage('zh-CN', server)).toBe(chinese);
    expect(rowMessage('en', server)).toBe(server);
  });

  it('shows a sentence it does not know as the server wrote it', () => {
    expect(rowMessage('zh-CN', 'something new went wrong')).toBe('something new went wrong');
  });
});

describe('log-in failures', () => {
  it('reads the seconds of a lock from the server', () => {
    expect(lockSeconds('too many failed log-ins; try again in 30 s')).toBe(30);
    expect(lockSeconds('too many failed log-ins')).toBeNull();
    expect(lockSeconds(undefined)).toBeNull();
  });

  it('says wrong password and locked in both languages, without the other language in it', () => {
    expect(translate('zh-CN', 'login.locked', { seconds: 30 })).toBe('登录失败次数过多，请 30 秒后再试');
    expect(translate('en', 'login.locked', { seconds: 30 })).toBe(
      'Too many failed log-ins: try again in 30 s',
    );
    expect(translate('en', 'login.wrong')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('history roles', () => {
  // every actor_role the server writes: user roles, capacities, residents and the system
  const ROLES = [
    'grid_worker',
    'centre_operator',
    'department_handler',
    'leader',
    'admin',
    'reporter',
    'centre',
    'assignee',
    'coordinator',
    'summoned',
    'resident',
    'anonymous',
    'system',
  ];
  it.each(ROLES)('%s has a name in both languages', (role) => {
    expect(translateValue('zh-CN', 'role', role)).toMatch(/[\u4e00-\u9fff]/);
    expect(translateValue('en', 'role', role)).not.toMatch(/[\u4e00-\u9fff]|_/);
  });

  it('the administration and map words have no Chinese in English', () => {
    for (const key of Object.keys(zh).filter((k) => /^(admin|login|map)\./.test(k)))
      expect(en[key as keyof typeof en], key).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
