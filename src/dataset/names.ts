/**
 * Names and aliases of every entity: what detection matches. Card content
 * (summaries, facts, relations) lives elsewhere so that the content script,
 * which runs on every page, only pays for names.
 */
import type { EntityName } from './schema';

export const ENTITY_NAMES = [
  {
    id: 'xiaomi',
    name: 'Xiaomi',
    nameZh: '小米',
    kind: 'company',
    aliases: ['Xiaomi Inc.', 'Xiaomi Corporation', '小米公司', '小米集团', '小米'],
  },
  {
    id: 'microsoft',
    name: 'Microsoft',
    nameZh: '微软',
    kind: 'company',
    aliases: ['Microsoft Corporation', '微软公司', '微软', '微軟'],
  },
  { id: 'google', name: 'Google', nameZh: '谷歌', kind: 'company', aliases: ['谷歌'] },
  { id: 'amazon', name: 'Amazon', nameZh: '亚马逊', kind: 'company', aliases: ['Amazon.com', '亚马逊'] },
  { id: 'apple', name: 'Apple', nameZh: '苹果公司', kind: 'company', aliases: ['Apple Inc.', '苹果公司'] },
  {
    id: 'harman-kardon',
    name: 'Harman Kardon',
    nameZh: '哈曼卡顿',
    kind: 'company',
    aliases: ['Harman/Kardon', '哈曼卡顿'],
  },
  { id: 'cortana', name: 'Cortana', nameZh: '微软小娜', kind: 'product', aliases: ['微软小娜', '小娜'] },
  {
    id: 'azure',
    name: 'Microsoft Azure',
    nameZh: 'Azure',
    kind: 'technology',
    aliases: ['Azure', 'Windows Azure', '微软云'],
  },
  { id: 'windows', name: 'Microsoft Windows', nameZh: 'Windows', kind: 'product', aliases: ['Windows'] },
  { id: 'windows-10', name: 'Windows 10', nameZh: 'Windows 10', kind: 'product', aliases: ['Win10'] },
  {
    id: 'windows-10-mobile',
    name: 'Windows 10 Mobile',
    nameZh: 'Windows 10 移动版',
    kind: 'product',
    aliases: ['Windows 10 移动版', 'W10M'],
  },
  {
    id: 'mi-4',
    name: 'Xiaomi Mi 4',
    nameZh: '小米手机4',
    kind: 'product',
    aliases: ['Mi 4', 'Mi4', '小米手机4', '小米4'],
  },
  { id: 'computer-vision', name: 'Computer vision', nameZh: '计算机视觉', kind: 'technology', aliases: ['计算机视觉'] },
  {
    id: 'conversational-ai',
    name: 'Conversational AI',
    nameZh: '对话式人工智能',
    kind: 'technology',
    aliases: ['对话式人工智能', '对话式AI'],
  },
  {
    id: 'natural-language-processing',
    name: 'Natural language processing',
    nameZh: '自然语言处理',
    kind: 'technology',
    aliases: ['自然语言处理'],
  },
  {
    id: 'office',
    name: 'Microsoft Office',
    nameZh: 'Office',
    kind: 'product',
    aliases: ['Office', 'Office 365', 'MS Office'],
  },
  { id: 'skype', name: 'Skype', nameZh: 'Skype', kind: 'product', aliases: [] },
  { id: 'bing', name: 'Bing', nameZh: '必应', kind: 'product', aliases: ['Microsoft Bing', '必应'] },
  {
    id: 'microsoft-translator',
    name: 'Microsoft Translator',
    nameZh: '微软翻译',
    kind: 'product',
    aliases: ['Bing Translator', 'Translator', '微软翻译'],
  },
  { id: 'pix', name: 'Microsoft Pix', nameZh: 'Microsoft Pix', kind: 'product', aliases: ['Pix'] },
  { id: 'swiftkey', name: 'SwiftKey', nameZh: 'SwiftKey', kind: 'product', aliases: ['Microsoft SwiftKey'] },
  {
    id: 'surface',
    name: 'Microsoft Surface',
    nameZh: 'Surface',
    kind: 'product',
    aliases: ['Surface', 'Surface Pro', 'Surface Book', 'Surface Laptop', 'Surface Go', 'Surface Studio'],
  },
  { id: 'invoke', name: 'Harman Kardon Invoke', nameZh: 'Harman Kardon Invoke', kind: 'product', aliases: ['Invoke'] },
  {
    id: 'google-home',
    name: 'Google Home',
    nameZh: 'Google Home',
    kind: 'product',
    aliases: ['Google Home Mini', 'Google Home Max'],
  },
  {
    id: 'amazon-echo',
    name: 'Amazon Echo',
    nameZh: 'Amazon Echo',
    kind: 'product',
    aliases: ['Echo', 'Echo Dot', 'Echo Show', 'Echo Plus'],
  },
  { id: 'homepod', name: 'Apple HomePod', nameZh: 'HomePod', kind: 'product', aliases: ['HomePod'] },
  {
    id: 'harry-shum',
    name: 'Harry Shum',
    nameZh: '沈向洋',
    kind: 'person',
    aliases: ['Shum', 'Heung-Yeung Shum', '沈向洋'],
  },
  { id: 'wang-xiang', name: 'Wang Xiang', nameZh: '王翔', kind: 'person', aliases: ['Wang', '王翔'] },
  // Entities outside the detection vocabulary (/work/shared/corpus/README.md), for cards and the
  // timeline. Their names and aliases must never begin with or contain a vocabulary name, or they
  // would swallow a scored mention ("Xiaomi laptops" would hide `xiaomi`). That is also why the
  // Chinese names 小米笔记本 / 小米AI音箱 are not aliases: they start with 小米 (`xiaomi`).
  {
    id: 'mi-ai-speaker',
    name: 'Mi AI Speaker',
    nameZh: '小爱音箱',
    kind: 'product',
    aliases: ['Mi Smart Speaker', 'Xiao AI Speaker', 'XiaoAI Speaker', '小爱音箱'],
  },
  {
    id: 'mi-notebook',
    name: 'Mi Notebook',
    nameZh: '小米笔记本',
    kind: 'product',
    aliases: ['Mi Notebook Air', 'Mi Notebook Pro', 'Mi Laptop'],
  },
  { id: 'rom-trial-2015', name: '2015 ROM trial', nameZh: '2015年ROM测试', kind: 'agreement', aliases: ['ROM trial'] },
  {
    id: 'patent-agreement-2016',
    name: '2016 patent agreement',
    nameZh: '2016年专利协议',
    kind: 'agreement',
    aliases: ['patent agreement', 'patent deal', '专利协议'],
  },
  {
    id: 'mou-2018',
    name: '2018 memorandum of understanding',
    nameZh: '2018年谅解备忘录',
    kind: 'agreement',
    aliases: ['memorandum of understanding', 'MoU', '谅解备忘录'],
  },
] as const satisfies readonly EntityName[];

export type EntityId = (typeof ENTITY_NAMES)[number]['id'];
