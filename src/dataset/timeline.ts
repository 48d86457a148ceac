/**
 * Dated events of the partnership (`partnership`) and the launches the
 * article refers to (`context`). A date is only as precise as its sources:
 * a day only where a source dates the event to the day, otherwise the month
 * or year. Listed in no particular order; index.ts sorts.
 */
import type { TimelineEvent } from './schema';
import { Q, REF } from './sources';

export const TIMELINE: TimelineEvent[] = [
  {
    id: 'mi-4-unveiled',
    date: '2014-07-22',
    precision: 'day',
    title: 'Xiaomi unveils the Mi 4',
    titleZh: '小米发布小米手机4',
    description:
      'Xiaomi presents its new flagship phone, the Mi 4, at its annual launch event; it goes on sale in August 2014.',
    descriptionZh: '小米在年度发布会上推出新旗舰小米手机4，并于2014年8月上市。',
    category: 'context',
    entities: ['mi-4', 'xiaomi'],
    sources: [REF.wpMi4, REF.ausdroidMi4],
  },
  {
    id: 'amazon-echo-introduced',
    date: '2014-11',
    precision: 'month',
    title: 'Amazon introduces the Echo',
    titleZh: '亚马逊推出Echo智能音箱',
    description:
      'Amazon introduces the Echo smart speaker with its Alexa assistant, at first only for Prime members or by invitation; it becomes widely available in the US in mid-2015.',
    descriptionZh: '亚马逊推出搭载Alexa助手的Echo智能音箱，起初仅面向Prime会员或受邀用户，2015年年中在美国全面开售。',
    category: 'context',
    entities: ['amazon-echo', 'amazon'],
    sources: [REF.wpAmazonEcho, REF.guardianGoogleHome],
  },
  {
    id: 'windows-10-mobile-trial',
    date: '2015-03',
    precision: 'month',
    title: 'Xiaomi and Microsoft agree to test Windows 10 Mobile on the Mi 4',
    titleZh: '小米与微软同意在小米手机4上测试Windows 10移动版',
    description:
      "The companies' first deal: Microsoft announces a Windows 10 Mobile ROM for the Mi 4. A preview reaches beta testers in June, and a wider release is announced for December 2015. The trial did not go as well as fans had hoped.",
    descriptionZh:
      '双方的第一次合作：微软宣布为小米手机4提供Windows 10移动版ROM。预览版于6月推送给测试用户，更大范围的发布定于2015年12月。试用效果未达粉丝预期。',
    category: 'partnership',
    entities: ['rom-trial-2015', 'windows-10-mobile', 'mi-4', 'xiaomi', 'microsoft'],
    sources: [Q.trial2015, Q.mi4Successful, REF.phonearenaMi4Rom],
  },
  {
    id: 'google-home-unveiled',
    date: '2016-05-18',
    precision: 'day',
    title: 'Google unveils Google Home',
    titleZh: '谷歌发布Google Home',
    description:
      "Google announces the Google Home smart speaker at its I/O conference, as a direct competitor to Amazon's Echo.",
    descriptionZh: '谷歌在I/O大会上发布Google Home智能音箱，直接与亚马逊Echo竞争。',
    category: 'context',
    entities: ['google-home', 'google'],
    sources: [REF.thurrottGoogleHome, REF.guardianGoogleHome],
  },
  {
    id: 'patent-agreement',
    date: '2016-05',
    precision: 'month',
    title: 'Xiaomi buys Microsoft patents and agrees to preinstall Office and Skype',
    titleZh: '小米购买微软专利并同意预装Office和Skype',
    description:
      'Xiaomi buys about 1,500 Microsoft patents, covering wireless communications, video, cloud and multimedia, and the companies agree to cross-license some technologies. Announced on 31 May 2016; the article dates the signing between May and June 2016.',
    descriptionZh:
      '小米购买约1500项微软专利，涉及无线通信、视频、云计算和多媒体，双方还同意交叉授权部分技术。协议于2016年5月31日宣布；文章称签署时间在2016年5月至6月之间。',
    category: 'partnership',
    entities: ['patent-agreement-2016', 'xiaomi', 'microsoft', 'office', 'skype'],
    sources: [Q.patents2016, Q.patentDealDate, REF.voxPatents, REF.eweekPatents],
  },
  {
    id: 'mi-notebook-air-presented',
    date: '2016-07',
    precision: 'month',
    title: 'Xiaomi presents its first laptop, the Mi Notebook Air',
    titleZh: '小米发布首款笔记本电脑小米笔记本Air',
    description: 'Xiaomi enters the laptop market with the Mi Notebook Air, in 12.5-inch and 13.3-inch versions.',
    descriptionZh: '小米以12.5英寸和13.3英寸两款小米笔记本Air进入笔记本电脑市场。',
    category: 'context',
    entities: ['mi-notebook', 'xiaomi'],
    sources: [REF.komputerswiatMiNotebookAir, REF.igeekphoneMiNotebookAir],
  },
  {
    id: 'office-skype-preinstalled',
    date: '2016-09',
    precision: 'month',
    title: 'Office and Skype due on Xiaomi phones',
    titleZh: 'Office和Skype开始预装在小米手机上',
    description:
      'Under the 2016 agreement, Xiaomi Android devices including the Mi 5, Mi Max, Mi 4s, Redmi Note 3 and Redmi 3 are to come with Word, Excel, PowerPoint, Outlook and Skype preinstalled from September 2016.',
    descriptionZh:
      '根据2016年的协议，自2016年9月起，小米5、小米Max、小米4s、红米Note 3和红米3等小米安卓设备将预装Word、Excel、PowerPoint、Outlook和Skype。',
    category: 'partnership',
    entities: ['office', 'skype', 'xiaomi', 'patent-agreement-2016'],
    sources: [Q.patentDealDate, REF.eweekPatents],
  },
  {
    id: 'invoke-announced',
    date: '2017-05-08',
    precision: 'day',
    title: 'Harman Kardon and Microsoft announce the Invoke',
    titleZh: '哈曼卡顿与微软发布Invoke音箱',
    description: 'Harman Kardon announces the Invoke, a smart speaker with Microsoft’s Cortana and Skype calling.',
    descriptionZh: '哈曼卡顿发布Invoke智能音箱，内置微软小娜并支持Skype通话。',
    category: 'context',
    entities: ['invoke', 'harman-kardon', 'cortana', 'microsoft'],
    sources: [REF.windowsBlogInvoke, REF.itwebInvoke, Q.invoke],
  },
  {
    id: 'homepod-announced',
    date: '2017-06-05',
    precision: 'day',
    title: 'Apple announces the HomePod',
    titleZh: '苹果发布HomePod',
    description: 'Apple unveils the HomePod, a US$349 smart speaker with Siri, at its Worldwide Developers Conference.',
    descriptionZh: '苹果在全球开发者大会上发布售价349美元、内置Siri的HomePod智能音箱。',
    category: 'context',
    entities: ['homepod', 'apple'],
    sources: [REF.axiosHomepod, REF.cbcHomepod],
  },
  {
    id: 'mi-ai-speaker-launched',
    date: '2017-07-26',
    precision: 'day',
    title: 'Xiaomi launches the Mi AI Speaker',
    titleZh: '小米发布小米AI音箱',
    description: 'Xiaomi launches the Mi AI Speaker, available only in China, priced at 299 yuan (about US$45).',
    descriptionZh: '小米发布仅在中国销售的小米AI音箱，售价299元（约45美元）。',
    category: 'context',
    entities: ['mi-ai-speaker', 'xiaomi'],
    sources: [REF.voicebotMiAiSpeaker],
  },
  {
    id: 'mou-signed',
    date: '2018-02-23',
    precision: 'day',
    title: 'Xiaomi and Microsoft sign a strategic memorandum of understanding',
    titleZh: '小米与微软签署战略合作谅解备忘录',
    description:
      "The companies sign a non-binding MoU to work together on cloud support (Azure), laptops, AI services and smart speakers, with Cortana on Xiaomi's speakers as its main objective.",
    descriptionZh:
      '双方签署不具法律约束力的谅解备忘录，在云服务（Azure）、笔记本、人工智能服务和智能音箱领域合作，主要目标是将微软小娜集成到小米音箱中。',
    category: 'partnership',
    entities: [
      'mou-2018',
      'xiaomi',
      'microsoft',
      'azure',
      'cortana',
      'mi-ai-speaker',
      'mi-notebook',
      'harry-shum',
      'wang-xiang',
    ],
    sources: [Q.mouSigned, Q.cortanaIntoSpeakers, Q.notBinding, REF.globalTimesMou, REF.axiosMou],
  },
];
