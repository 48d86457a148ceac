/**
 * The detection engine on Chinese text: no spaces, no case, names that are
 * also ordinary words (小米 millet, 亚马逊 the river, 必应 in 有求必应), and
 * Latin product names written flush against Han characters.
 */
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/index';

const found = (text: string) => detect(text).map((m) => [m.entity, m.text]);

describe('detect() on Chinese sentences', () => {
  it('finds the partners and their products in a news sentence', () => {
    expect(found('小米与微软签署了谅解备忘录，双方将在云计算和人工智能领域展开合作。')).toEqual([
      ['xiaomi', '小米'],
      ['microsoft', '微软'],
      ['mou-2018', '谅解备忘录'],
    ]);
    expect(found('小米的新手机将预装微软Office和Skype。')).toEqual([
      ['xiaomi', '小米'],
      ['microsoft', '微软'],
      ['office', 'Office'],
      ['skype', 'Skype'],
    ]);
  });

  it('takes the longest Chinese name: 微软小娜 is Cortana, not Microsoft + 小娜', () => {
    expect(found('微软小娜将登陆小米的智能音箱，必应提供搜索。')).toEqual([
      ['cortana', '微软小娜'],
      ['xiaomi', '小米'],
      ['bing', '必应'],
    ]);
    expect(found('小娜是微软的语音助手。')).toEqual([
      ['cortana', '小娜'],
      ['microsoft', '微软'],
    ]);
  });

  it('finds rivals and people by their Chinese names', () => {
    expect(found('谷歌和亚马逊在智能音箱市场领先，苹果公司也推出了HomePod。')).toEqual([
      ['google', '谷歌'],
      ['amazon', '亚马逊'],
      ['apple', '苹果公司'],
      ['homepod', 'HomePod'],
    ]);
    expect(found('微软全球执行副总裁沈向洋和小米高级副总裁王翔出席了签约仪式。')).toEqual([
      ['microsoft', '微软'],
      ['harry-shum', '沈向洋'],
      ['xiaomi', '小米'],
      ['wang-xiang', '王翔'],
    ]);
  });

  it('reads a Latin name written flush against Han characters, with or without the space', () => {
    expect(found('小米4用户可以刷入Windows 10移动版。')).toEqual([
      ['mi-4', '小米4'],
      ['windows-10-mobile', 'Windows 10移动版'],
    ]);
    expect(found('小米手机4用户可以刷入Windows 10 移动版。')).toEqual([
      ['mi-4', '小米手机4'],
      ['windows-10-mobile', 'Windows 10 移动版'],
    ]);
  });

  it('leaves the ordinary words alone: millet porridge, the Amazon river, 有求必应', () => {
    expect(found('早餐喝一碗小米粥，再加一点小米椒。')).toEqual([]);
    expect(found('亚马逊雨林横跨九个国家，亚马逊河是世界第二长河。')).toEqual([]);
    expect(found('这家店的客服有求必应。')).toEqual([]);
    // …while the same characters as names are still found in the same text.
    expect(found('他一边喝小米粥，一边用亚马逊买东西，还用必应搜索。')).toEqual([
      ['amazon', '亚马逊'],
      ['bing', '必应'],
    ]);
  });

  it('gives offsets into the original string, also next to full-width punctuation', () => {
    const text = '“小米”和「微软」：合作（2018年）';
    const ms = detect(text);
    expect(ms.map((m) => m.entity)).toEqual(['xiaomi', 'microsoft']);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('asks for context for an ambiguous Latin name in a Chinese sentence (Echo after 亚马逊)', () => {
    expect(found('他在亚马逊上买了一台Echo音箱。')).toEqual([
      ['amazon', '亚马逊'],
      ['amazon-echo', 'Echo'],
    ]);
  });
});
