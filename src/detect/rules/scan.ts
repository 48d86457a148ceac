/**
 * The alias scan's rules (src/detect/scan.ts): which words are ambiguous, and
 * which neighbours make a name something else. The content script imports
 * this on every page: plain data only, kept small.
 *
 * Adding an ambiguous word: put it in AMBIGUOUS_WORDS; if an entity has it as
 * an alias on its own ("Surface"), give that entity a profile in
 * ./profiles.ts (tests/unit/detect-rules.test.ts holds the two together).
 */

/**
 * Words that are also common English words, other things of the same name, or
 * common surnames. An alias made of one of these alone ("Surface", "Wang") is
 * never accepted on the scan's say-so: in lower case it is rejected, anywhere
 * in a sentence; capitalised it goes to the classifier. A longer alias holding
 * one ("Surface Pro", "Mi 4", "Google Home") is accepted when written as listed
 * (or in capitals), and goes to the classifier in lower or mixed case.
 */
export const AMBIGUOUS_WORDS: ReadonlySet<string> = new Set([
  'surface',
  'office',
  'windows',
  'echo',
  'invoke',
  'home',
  'apple',
  'amazon',
  'azure',
  'pix',
  'bing',
  'translator',
  'mi',
  'shum',
  'wang',
]);

/**
 * Chinese has no spaces, so a CJK name can be the start of another word:
 * 小米 is also millet (小米粥 millet porridge, 小米椒 bird's-eye chili).
 * Characters that, right after the name, make it that other word.
 */
export const CJK_NOT_FOLLOWED_BY: Readonly<Record<string, string>> = {
  小米: '粥饭椒粒酒糕面',
  // 亚马逊河 the Amazon river, 亚马逊雨林 rainforest, 亚马逊流域 basin, 亚马逊森林/丛林.
  亚马逊: '河雨流森丛',
};

/** Characters that, right before a CJK name, make it part of another word: 有求必应 "answers every plea". */
export const CJK_NOT_PRECEDED_BY: Readonly<Record<string, string>> = {
  必应: '求',
};

/** Words after which a person's name is someone else's (the actor Harry Shum Jr.). */
export const SUFFIX_AFTER_NAME = /^\s*,?\s*(?:Jr|Sr|Junior|Senior)\b/;
