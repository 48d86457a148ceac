/**
 * Every source the dataset cites, named once so that a fact and a timeline
 * event citing the same thing cite it identically.
 *
 * - `Q.*` are exact sentences (or parts) of the seed article; the unit test
 *   checks each is a substring of it after normalising curly quotes and
 *   whitespace, so they are written with straight apostrophes here.
 * - `REF.*` are public references for what the article does not say. Only
 *   pages whose content was checked are listed; Wikipedia articles are cited
 *   by their canonical title.
 */
import type { Source } from './schema';

const quote = (text: string): Source => ({ quote: text });
const wikipedia = (title: string): Source => ({
  title: `${title.replace(/_/g, ' ')} (Wikipedia)`,
  // The linked article is the English one: its own title, said to be English Wikipedia's.
  titleZh: `英文维基百科：${title.replace(/_/g, ' ')}`,
  url: `https://en.wikipedia.org/wiki/${title}`,
});
/** A public reference: its title, the title in Chinese (what the English says), and where it is. */
const ref = (title: string, url: string, titleZh: string): Source => ({ title, titleZh, url });

/** Quotes from the seed article (xiaomi-microsoft-partnership.txt). */
export const Q = {
  xiaomiAsia: quote('Xiaomi is one of the largest players in the Asian market when it comes to smartphones.'),
  microsoftValued: quote('Microsoft is one of the most valued companies in the world but is a more US-based company.'),
  xiaomiUsMarket: quote('Xiaomi being a Chinese company is trying very hard to get into the US market.'),
  microsoftWantsUsers: quote('Microsoft wants to have a lot more users of Xiaomi products.'),
  mouSigned: quote(
    'Microsoft and Xiaomi have recently signed a Memorandum of Understanding(MoU) which is basically an agreement that lets them create new technologies and develop existing technologies together.',
  ),
  trial2015: quote(
    'The first deal that these two companies signed was in 2015 when Xiaomi agreed to test Windows 10 Mobile on Xiaomi Mi 4 using custom ROMs.',
  ),
  mi4Successful: quote(
    "It didn't go as well as the fans hoped considering the fact that the Mi 4 was an extremely successful smartphone.",
  ),
  patents2016: quote(
    'Then in 2016 Xiaomi brought in a lot of patents from Microsoft which allowed them to use Microsoft services on their devices.',
  ),
  patentDealDate: quote(
    'This deal was signed somewhere between May and June of 2016 and thereafter Xiaomi started preinstalling Microsoft Office and Skype apps on their devices.',
  ),
  cortanaIntoSpeakers: quote(
    "The main objective of this agreement is to integrate Microsoft's Cortana into Xiaomi Smart speakers.",
  ),
  speakerMarket: quote(
    'Both the companies believe that there is a huge opportunity in the market for smart speakers as is the recent case with Google, Amazon and even Apple.',
  ),
  homeAndEcho: quote('Google Home speakers and Amazon Echo speakers are doing well in the market'),
  homepod: quote(
    'the recently announced Apple Homepods will also bring in a lot of revenue to Apple as is the case with all Apple products',
  ),
  invoke: quote(
    'Microsoft has partnered with Harman Kardon to make the Invoke smart speaker which is having a really tough time in the market due to stiff competition from Amazon, Google, and the recent Homepods.',
  ),
  otherAreas: quote(
    'Other technologies that the companies decided to collaborate are Cloud support, Laptop devices, and AI services.',
  ),
  azure: quote("Xiaomi will use Microsoft Azure cloud services to store and manage its users' data."),
  laptops: quote('Xiaomi will launch laptops using the technology expertise from Microsoft.'),
  surface: quote('Microsoft has its expertise in the Surface devices.'),
  laptopMarketing: quote('Microsoft will also assist in selling and marketing these Xiaomi laptops.'),
  laptopsAffordable: quote('the laptops from Xiaomi will be affordable for the features it will offer'),
  xiaomiAffordable: quote('Xiaomi is known mostly because of their affordable smartphones.'),
  windows10Users: quote('Microsoft will get more users for Windows 10 and other Microsoft services.'),
  aiList: quote(
    "the companies have agreed to work with Microsoft's AI technologies such as Computer Vision, Conversational AI, Speech, Natural Language Processing, and other well known Microsoft AI services like Bing, Cortana, Microsoft Translator, Pix, Swiftkey, and Skype.",
  ),
  shumTitle: quote(
    "Dr. Harry Shum who is the executive vice president of Microsoft's Artificial Intelligence and Research Group",
  ),
  shumStatement: quote(
    "Microsoft's unique strengths and experience in AI, as well as our products like Azure, will enable Xiaomi to develop more cutting-edge technology for everyone around the world",
  ),
  wangTitle: quote('Wang Xiang, Global Senior Vice President and Head of International Business at Xiaomi'),
  wangMission: quote("Xiaomi's mission is to deliver innovation to everyone around the world."),
  wangAccelerate: quote(
    'By collaborating with Microsoft on multiple technology areas, Xiaomi will accelerate our pace to bring more exciting products and services to our users.',
  ),
  wangReach: quote(
    'this partnership would allow Microsoft to reach more users around the world who are using Xiaomi products.',
  ),
  notBinding: quote(
    'this was a MoU so this partnership is not legally binding and as of now we have no idea if any finances are involved',
  ),
  mutualBenefit: quote(
    'Xiaomi will get access to world-class services from Microsoft and Microsoft will benefit from more users of Xiaomi devices.',
  ),
} as const;

/** Public references, checked for what each fact citing them says. */
export const REF = {
  wpXiaomi: wikipedia('Xiaomi'),
  wpMicrosoft: wikipedia('Microsoft'),
  wpGoogle: wikipedia('Google'),
  wpAmazon: wikipedia('Amazon_(company)'),
  wpApple: wikipedia('Apple_Inc.'),
  wpHarmanKardon: wikipedia('Harman_Kardon'),
  wpCortana: wikipedia('Cortana_(virtual_assistant)'),
  wpAzure: wikipedia('Microsoft_Azure'),
  wpWindows: wikipedia('Microsoft_Windows'),
  wpWindows10: wikipedia('Windows_10'),
  wpWindows10Mobile: wikipedia('Windows_10_Mobile'),
  wpMi4: wikipedia('Xiaomi_Mi_4'),
  wpComputerVision: wikipedia('Computer_vision'),
  wpNlp: wikipedia('Natural_language_processing'),
  wpOffice: wikipedia('Microsoft_Office'),
  wpSkype: wikipedia('Skype'),
  wpBing: wikipedia('Microsoft_Bing'),
  wpTranslator: wikipedia('Microsoft_Translator'),
  wpSurface: wikipedia('Microsoft_Surface'),
  wpAmazonEcho: wikipedia('Amazon_Echo'),

  // 2015 trial
  phonearenaMi4Rom: ref(
    'Windows 10 Mobile ROM for the Xiaomi Mi 4 officially launches on December 3rd (PhoneArena)',
    'https://www.phonearena.com/news/Windows-10-Mobile-ROM-for-the-Xiaomi-Mi-4-officially-launches-on-December-3rd_id76286',
    '小米手机4的Windows 10移动版ROM将于12月3日正式推出（PhoneArena）',
  ),
  // Mi 4 launch
  ausdroidMi4: ref(
    'Ausdroid report on the Mi4 announcement (22 July 2014)',
    'http://ausdroid.net/2014/07/22/xiaomi-announce-mi4/',
    'Ausdroid关于小米手机4发布的报道（2014年7月22日）',
  ),
  // 2016 patent deal
  voxPatents: ref(
    'Xiaomi bought 1,500 Microsoft patents and has agreed to load Office on its phones (Vox, 31 May 2016)',
    'https://www.vox.com/2016/5/31/11825798/xiaomi-microsoft-office-skype-phones',
    '小米购买1500项微软专利，并同意在其手机上预装Office（Vox，2016年5月31日）',
  ),
  eweekPatents: ref(
    'Xiaomi Buys 1,500 Patents From Microsoft (eWEEK)',
    'https://www.eweek.com/mobile/xiaomi-buys-1-500-patents-from-microsoft',
    '小米从微软购买1500项专利（eWEEK）',
  ),
  // 2018 MoU
  globalTimesMou: ref(
    'Global Times report on the Microsoft–Xiaomi memorandum (23 February 2018)',
    'http://www.globaltimes.cn/content/1090420.shtml',
    '《环球时报》关于微软与小米备忘录的报道（2018年2月23日）',
  ),
  axiosMou: ref(
    'Microsoft and Xiaomi expand partnership (Axios, 23 February 2018)',
    'https://www.axios.com/2018/02/23/microsoft-and-xiaomi-sign-strategic-mou-in-ai-cloud-and-hardware',
    '微软与小米扩大合作（Axios，2018年2月23日）',
  ),
  windowsCentralMou: ref(
    'Microsoft and Xiaomi agree to partner up on AI, hardware, and the cloud (Windows Central)',
    'https://www.windowscentral.com/microsoft-and-xiaomi-agree-partner-ai-hardware-and-cloud',
    '微软与小米同意在人工智能、硬件和云领域合作（Windows Central）',
  ),
  digitalTrendsMou: ref(
    'Microsoft and Xiaomi team up to produce smart speakers, laptops, and more (Digital Trends)',
    'https://www.digitaltrends.com/computing/microsoft-xiaomi-announce-partnership/',
    '微软与小米联手打造智能音箱、笔记本电脑等产品（Digital Trends）',
  ),
  // Rival speakers
  guardianGoogleHome: ref(
    'Google I/O 2016: from Allo to Daydream, what you need to know (The Guardian, 19 May 2016)',
    'https://www.theguardian.com/technology/2016/may/19/google-io-2016-what-you-need-to-know-from-allo-to-daydream',
    '2016年Google I/O大会：从Allo到Daydream，你需要了解的内容（《卫报》，2016年5月19日）',
  ),
  thurrottGoogleHome: ref(
    'Google I/O 2016: Google Finally Comes Home (Thurrott.com, 19 May 2016)',
    'https://www.thurrott.com/cloud/67255/google-io-2016-google-finally-comes-home',
    '2016年Google I/O大会：谷歌终于进入家庭（Thurrott.com，2016年5月19日）',
  ),
  itwebInvoke: ref(
    'ITWeb report on the Harman Kardon Invoke (9 May 2017)',
    'http://www.itweb.co.za/index.php?option=com_content&view=article&id=161596',
    'ITWeb关于哈曼卡顿Invoke的报道（2017年5月9日）',
  ),
  cbcHomepod: ref(
    'Apple unveils HomePod, a smart speaker with Siri inside (CBC News, June 2017)',
    'https://www.cbc.ca/news/science/apple-wwdc-2017-event-story-siri-speaker-macs-watch-iphone-1.4146266',
    '苹果发布内置Siri的智能音箱HomePod（加拿大广播公司新闻，2017年6月）',
  ),
  axiosHomepod: ref(
    'Apple unveils a home speaker focused on music (Axios, 5 June 2017)',
    'https://www.axios.com/apple-unveils-a-home-speaker-focused-on-music-1513302766-7e744911-9429-4ac0-a5e9-86ea5674f548.html',
    '苹果发布一款主打音乐的家用音箱（Axios，2017年6月5日）',
  ),
  windowsBlogInvoke: ref(
    'Harman Kardon Invoke featuring Cortana: captivating sound meets personal digital assistant (Windows Blog, 8 May 2017)',
    'https://blogs.windows.com/windowsexperience/2017/05/08/harman-kardon-invoke-featuring-cortana-captivating-sound-meets-personal-digital-assistant/',
    '搭载小娜的哈曼卡顿Invoke：迷人音质与个人数字助理的结合（Windows博客，2017年5月8日）',
  ),
  microsoftSupportInvoke: ref(
    'Cortana service on the Harman Kardon Invoke (Microsoft Support)',
    'https://support.microsoft.com/en-us/topic/cortana-service-on-the-harman-kardon-invoke-78341f15-082f-b732-d91b-440b8366f2b4',
    '哈曼卡顿Invoke上的小娜服务（微软支持）',
  ),
  // Xiaomi products
  voicebotMiAiSpeaker: ref(
    'Xiaomi Mi AI Smart Speaker Takes on Alibaba Tmall Genie and LingLong DingDong (Voicebot.ai, 26 July 2017)',
    'http://voicebot.ai/2017/07/26/xiaomi-mi-ai-smart-speaker-takes-alibaba-tmall-genie-linglong-dingdong',
    '小米AI智能音箱对阵阿里巴巴天猫精灵和灵隆叮咚（Voicebot.ai，2017年7月26日）',
  ),
  igeekphoneMiNotebookAir: ref(
    'Xiaomi Mi Notebook Air Rip down Review (iGeekPhone)',
    'https://www.igeekphone.com/xiaomi-mi-notebook-air-rip-down-review/',
    '小米笔记本Air拆解评测（iGeekPhone）',
  ),
  komputerswiatMiNotebookAir: ref(
    'Xiaomi Mi Notebook Air 13.3: test najnowszego ultrabooka chińskiego giganta (Komputer Świat, in Polish)',
    'https://www.komputerswiat.pl/recenzje/sprzet/laptopy/xiaomi-mi-notebook-air-133-test-najnowszego-ultrabooka-chinskiego-giganta/1064yn5',
    '小米笔记本Air 13.3：中国巨头最新超极本评测（Komputer Świat，波兰语）',
  ),
  // Microsoft products
  voxPix: ref(
    'Microsoft thinks it can do a better iPhone camera app than Apple (Vox, 27 July 2016)',
    'https://www.vox.com/2016/7/27/12278592/microsoft-pix-challenges-iphone-camera',
    '微软认为自己能做出比苹果更好的iPhone相机应用（Vox，2016年7月27日）',
  ),
  techtimesSwiftkey: ref(
    'Microsoft announces SwiftKey acquisition (Tech Times, 3 February 2016)',
    'https://techtimes.com/articles/130423/20160203/microsoft-announces-swiftkey-acquisition.htm',
    '微软宣布收购SwiftKey（Tech Times，2016年2月3日）',
  ),
  cdrinfoSwiftkey: ref(
    'Microsoft Buys SwiftKey (CDRinfo)',
    'https://cdrinfo.com/d7/content/microsoft-buys-swiftkey',
    '微软收购SwiftKey（CDRinfo）',
  ),
  itOnlineSkype: ref(
    'Microsoft to retire Skype in May (IT-Online, 3 March 2025)',
    'https://it-online.co.za/2025/03/03/microsoft-to-retire-skype-in-may/',
    '微软将于5月停用Skype（IT-Online，2025年3月3日）',
  ),
  windowsCentralCortana: ref(
    "Microsoft's Cortana digital assistant was first announced two years ago today (Windows Central)",
    'https://www.windowscentral.com/microsofts-cortana-digital-assistant-was-first-announced-two-years-ago-today-0',
    '微软数字助理小娜两年前的今天首次发布（Windows Central）',
  ),
  // People
  microsoftResearchShum: ref(
    'Harry Shum (Microsoft Research)',
    'https://www.microsoft.com/en-us/research/people/hshum/',
    '沈向洋（微软研究院）',
  ),
  voxWangXiang: ref(
    'Xiaomi Hires Qualcomm China Head Wang Xiang to Oversee Relations With Partners (Vox, 10 June 2015)',
    'https://www.vox.com/2015/6/10/11563428/xiaomi-hires-qualcomm-china-head-wang-xiang-to-oversee-relations-with',
    '小米聘请高通中国区负责人王翔负责合作伙伴关系（Vox，2015年6月10日）',
  ),
  indianExpressWangXiang: ref(
    'The Indian Express profile of Xiang Wang (24 January 2017)',
    'http://indianexpress.com/article/technology/tech-news-technology/xiaomis-hugo-barra-to-leave-xiang-wang-profile-who-will-replace-him-4488978/',
    '《印度快报》对王翔的介绍（2017年1月24日）',
  ),
  shineXiaomiIpo: ref(
    "Xiaomi begins Hong Kong trading following year's biggest tech IPO (Shanghai Daily, 9 July 2018)",
    'https://www.shine.cn/biz/tech/1807098305/',
    '小米在年内最大科技IPO后于香港开始交易（《上海日报》，2018年7月9日）',
  ),
} as const;
