import type { Random } from './domain/random.ts';

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌德鹏辉海燕';

/** A plausible Chinese name (surname and one or two characters). */
export function personName(random: Random): string {
  const pick = (s: string) => s[Math.floor(random() * s.length)] as string;
  return pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
}

/** A mobile number of the 13x–18x ranges. */
export function phoneNumber(random: Random): string {
  const prefix = ['139', '138', '137', '136', '135', '158', '186', '188', '152', '131'];
  return (
    (prefix[Math.floor(random() * prefix.length)] as string) +
    String(Math.floor(random() * 1e8)).padStart(8, '0')
  );
}
