import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone, normalisePhone } from './masking.ts';

describe('masking personal data', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0086 13812345678', '138****5678'],
    ['022-23456789', '022****6789'],
    ['12345', '***45'],
    ['7', '*'],
    ['', ''],
  ])('phone %j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王', '王*'],
    ['John Smith', 'J*********'],
    [' 李四 ', '李*'],
  ])('name %j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['120101199001011234', '1201**********1234'],
    ['12010119900101123X', '1201**********123X'],
    ['12345678', '********'],
  ])('id number %j → %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each([
    ['天津市和平区南京路100号3门', '天津市和平区****'],
    ['和平区', '和平****'],
  ])('address %j → %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('keeps absent values absent', () => {
    expect([maskPhone(null), maskName(undefined), maskIdNumber(null), maskAddress(null)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it.each([
    ['+86 138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
  ])('normalises %j to %j so repeats hash alike', (raw, normal) => {
    expect(normalisePhone(raw)).toBe(normal);
  });
});
