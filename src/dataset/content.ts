/**
 * Card content for every entity in names.ts: what a hover card and the popup
 * show. Every fact cites the seed article (`Q.*`, checked as a substring by
 * the unit test) or a public reference (`REF.*`); what could not be sourced
 * is left out rather than guessed.
 *
 * Never imported by the content script: it bundles names.ts only.
 */
import type { EntityId } from './names';
import type { EntityContent } from './schema';
import { Q, REF } from './sources';

export const ENTITY_CONTENT: Record<EntityId, EntityContent> = {
  // ── Companies ──────────────────────────────────────────────────────────
  xiaomi: {
    summary: 'Chinese consumer-electronics company best known for affordable smartphones.',
    summaryZh: '以高性价比智能手机闻名的中国消费电子公司。',
    role: "Microsoft's partner: it trialled Windows 10 Mobile on the Mi 4 (2015), bought Microsoft patents and preinstalled Office and Skype (2016), and signed an MoU on cloud, laptops, smart speakers and AI (2018).",
    roleZh:
      '微软的合作伙伴：2015年在小米手机4上试用Windows 10移动版，2016年购买微软专利并预装Office和Skype，2018年签署涵盖云服务、笔记本、智能音箱和人工智能的谅解备忘录。',
    facts: [
      {
        text: 'Xiaomi is one of the largest smartphone makers in the Asian market.',
        textZh: '小米是亚洲市场最大的智能手机厂商之一。',
        sources: [Q.xiaomiAsia],
      },
      {
        text: 'It is known mostly for its affordable smartphones.',
        textZh: '它主要以高性价比的智能手机闻名。',
        sources: [Q.xiaomiAffordable],
      },
      {
        text: 'Xiaomi was founded in Beijing in 2010; Lei Jun is its founder, chairman and CEO.',
        textZh: '小米于2010年在北京创立；雷军是其创始人、董事长兼首席执行官。',
        sources: [REF.wpXiaomi, REF.shineXiaomiIpo],
      },
      {
        text: 'Xiaomi shares began trading on the Hong Kong stock exchange on 9 July 2018.',
        textZh: '小米股票于2018年7月9日在香港交易所开始交易。',
        sources: [REF.shineXiaomiIpo],
      },
      {
        text: 'As a Chinese company, Xiaomi has been trying hard to enter the US market.',
        textZh: '作为一家中国公司，小米一直在努力进入美国市场。',
        sources: [Q.xiaomiUsMarket],
      },
    ],
    related: ['microsoft', 'mi-4', 'mi-ai-speaker', 'mi-notebook', 'wang-xiang', 'mou-2018'],
  },
  microsoft: {
    summary: 'US software and cloud company, maker of Windows, Office, Azure and Cortana.',
    summaryZh: '美国软件与云计算公司，Windows、Office、Azure和微软小娜的开发者。',
    role: "Xiaomi's partner: it ran the Windows 10 Mobile trial on the Mi 4, sold patents and got Office and Skype onto Xiaomi phones, and under the 2018 MoU offers Azure, Cortana, laptop support and AI services.",
    roleZh:
      '小米的合作伙伴：在小米手机4上试用Windows 10移动版，向小米出售专利并让Office和Skype预装在小米手机上；根据2018年的谅解备忘录提供Azure、微软小娜、笔记本支持和人工智能服务。',
    facts: [
      {
        text: 'Microsoft is one of the most valued companies in the world.',
        textZh: '微软是全球市值最高的公司之一。',
        sources: [Q.microsoftValued],
      },
      {
        text: 'Bill Gates and Paul Allen founded Microsoft in 1975; it is headquartered in Redmond, Washington.',
        textZh: '比尔·盖茨和保罗·艾伦于1975年创立微软；公司总部位于华盛顿州雷德蒙德。',
        sources: [REF.wpMicrosoft],
      },
      {
        text: "Through the partnership Microsoft hopes to reach many more users of Xiaomi's products.",
        textZh: '微软希望借助这次合作，接触到更多使用小米产品的用户。',
        sources: [Q.microsoftWantsUsers, Q.wangReach],
      },
      {
        text: 'By 2016 Microsoft was focusing on getting its apps onto iOS and Android devices rather than on Windows-based phones.',
        textZh: '到2016年，微软的重心已是把自家应用推广到iOS和安卓设备上，而不是基于Windows的手机。',
        sources: [REF.voxPatents],
      },
    ],
    related: ['xiaomi', 'azure', 'cortana', 'office', 'skype', 'windows', 'harry-shum', 'mou-2018'],
  },
  google: {
    summary: 'US internet company, maker of the Google Home smart speaker.',
    summaryZh: '美国互联网公司，Google Home智能音箱的制造商。',
    role: 'A smart-speaker rival: the article cites its success as proof of the market Xiaomi and Microsoft want to enter.',
    roleZh: '智能音箱领域的竞争对手：文章以其成功说明小米和微软想进入的市场潜力。',
    facts: [
      {
        text: 'The article names Google, with Amazon and Apple, as showing the opportunity in smart speakers.',
        textZh: '文章将谷歌与亚马逊、苹果并列，作为智能音箱市场机会的例证。',
        sources: [Q.speakerMarket],
      },
      {
        text: 'Larry Page and Sergey Brin founded Google in 1998.',
        textZh: '拉里·佩奇和谢尔盖·布林于1998年创立谷歌。',
        sources: [REF.wpGoogle],
      },
      {
        text: 'Google unveiled its Google Home speaker at Google I/O in May 2016.',
        textZh: '谷歌于2016年5月在Google I/O大会上发布了Google Home音箱。',
        sources: [REF.guardianGoogleHome],
      },
    ],
    related: ['google-home', 'amazon', 'apple', 'mi-ai-speaker'],
  },
  amazon: {
    summary: 'US e-commerce and cloud company, maker of the Echo smart speakers and the Alexa assistant.',
    summaryZh: '美国电子商务与云计算公司，Echo智能音箱和Alexa语音助手的开发者。',
    role: 'The smart-speaker leader the partnership competes with; the article blames competition from Amazon for the Invoke’s tough time.',
    roleZh: '合作双方要面对的智能音箱领军者；文章认为来自亚马逊的竞争是Invoke销售艰难的原因之一。',
    facts: [
      {
        text: 'The article names Amazon, with Google and Apple, as showing the opportunity in smart speakers.',
        textZh: '文章将亚马逊与谷歌、苹果并列，作为智能音箱市场机会的例证。',
        sources: [Q.speakerMarket],
      },
      {
        text: 'Competition from Amazon is one reason the article gives for the Invoke’s tough time.',
        textZh: '文章认为，来自亚马逊的竞争是Invoke处境艰难的原因之一。',
        sources: [Q.invoke],
      },
      {
        text: 'Jeff Bezos founded Amazon in 1994.',
        textZh: '杰夫·贝索斯于1994年创立亚马逊。',
        sources: [REF.wpAmazon],
      },
      {
        text: 'Amazon launched the Echo smart speaker in 2014.',
        textZh: '亚马逊于2014年推出Echo智能音箱。',
        sources: [REF.guardianGoogleHome, REF.wpAmazonEcho],
      },
    ],
    related: ['amazon-echo', 'google', 'apple', 'microsoft'],
  },
  apple: {
    summary: 'US maker of the iPhone, the Mac and the HomePod smart speaker.',
    summaryZh: '美国公司，iPhone、Mac和HomePod智能音箱的制造商。',
    role: 'A smart-speaker rival: the article expects its then newly announced HomePod to bring Apple a lot of revenue.',
    roleZh: '智能音箱领域的竞争对手：文章预计其新发布的HomePod将为苹果带来可观收入。',
    facts: [
      {
        text: 'The article expects the recently announced HomePod to bring Apple a lot of revenue.',
        textZh: '文章预计，新近发布的HomePod将为苹果带来大量收入。',
        sources: [Q.homepod],
      },
      {
        text: 'Steve Jobs, Steve Wozniak and Ronald Wayne founded Apple in 1976.',
        textZh: '史蒂夫·乔布斯、史蒂夫·沃兹尼亚克和罗纳德·韦恩于1976年创立苹果。',
        sources: [REF.wpApple],
      },
      {
        text: 'Apple unveiled the HomePod at its developer conference on 5 June 2017.',
        textZh: '苹果于2017年6月5日在其开发者大会上发布了HomePod。',
        sources: [REF.axiosHomepod, REF.cbcHomepod],
      },
    ],
    related: ['homepod', 'google', 'amazon'],
  },
  'harman-kardon': {
    summary: 'Audio-equipment brand of Harman International.',
    summaryZh: '哈曼国际旗下的音响品牌。',
    role: 'Microsoft’s hardware partner for a Cortana speaker: it made the Invoke.',
    roleZh: '微软智能音箱的硬件合作伙伴：Invoke音箱的制造商。',
    facts: [
      {
        text: 'Microsoft partnered with Harman Kardon to make the Invoke smart speaker.',
        textZh: '微软与哈曼卡顿合作打造了Invoke智能音箱。',
        sources: [Q.invoke],
      },
      {
        text: 'Sidney Harman and Bernard Kardon founded the company in 1953.',
        textZh: '西德尼·哈曼和伯纳德·卡顿于1953年创立了这家公司。',
        sources: [REF.wpHarmanKardon],
      },
      {
        text: 'Its parent company, Harman International, was acquired by Samsung Electronics in 2017.',
        textZh: '其母公司哈曼国际于2017年被三星电子收购。',
        sources: [REF.wpHarmanKardon],
      },
    ],
    related: ['invoke', 'microsoft', 'cortana'],
  },

  // ── Microsoft products and services ─────────────────────────────────────
  cortana: {
    summary: "Microsoft's voice-driven virtual assistant.",
    summaryZh: '微软的语音虚拟助手。',
    role: "The MoU's main objective is to integrate Cortana into Xiaomi's smart speakers.",
    roleZh: '谅解备忘录的主要目标是将微软小娜集成到小米智能音箱中。',
    facts: [
      {
        text: "The main objective of the 2018 agreement is to bring Cortana to Xiaomi's smart speakers.",
        textZh: '2018年协议的主要目标是将小娜引入小米的智能音箱。',
        sources: [Q.cortanaIntoSpeakers],
      },
      {
        text: 'Microsoft first announced Cortana at its Build developer conference on 2 April 2014.',
        textZh: '微软于2014年4月2日在Build开发者大会上首次发布小娜。',
        sources: [REF.windowsCentralCortana],
      },
      {
        text: "Cortana is named after the artificial-intelligence character in Microsoft's Halo video games.",
        textZh: '小娜（Cortana）得名于微软《光环》系列电子游戏中的人工智能角色。',
        sources: [REF.windowsCentralCortana, REF.wpCortana],
      },
      {
        text: 'When the MoU was signed, the Harman Kardon Invoke was the only Cortana smart speaker on the market.',
        textZh: '签署谅解备忘录时，哈曼卡顿Invoke是市场上唯一搭载小娜的智能音箱。',
        sources: [REF.digitalTrendsMou],
      },
    ],
    related: ['microsoft', 'mi-ai-speaker', 'invoke', 'mou-2018', 'conversational-ai'],
  },
  azure: {
    summary: "Microsoft's cloud-computing platform.",
    summaryZh: '微软的云计算平台。',
    role: "Under the MoU, Xiaomi will use Azure to store and manage its users' data.",
    roleZh: '根据谅解备忘录，小米将使用Azure存储和管理用户数据。',
    facts: [
      {
        text: "Xiaomi will use Microsoft Azure cloud services to store and manage its users' data.",
        textZh: '小米将使用微软Azure云服务来存储和管理其用户数据。',
        sources: [Q.azure],
      },
      {
        text: 'Azure was announced in October 2008, released as Windows Azure on 1 February 2010 and renamed Microsoft Azure in 2014.',
        textZh: 'Azure于2008年10月发布消息，2010年2月1日以Windows Azure之名正式推出，2014年更名为Microsoft Azure。',
        sources: [REF.wpAzure],
      },
      {
        text: 'Xiaomi began using Azure in 2015 to run its Mi Cloud service.',
        textZh: '小米自2015年起使用Azure运行其小米云服务。',
        sources: [REF.axiosMou],
      },
      {
        text: 'Harry Shum named Azure among the Microsoft products that will help Xiaomi develop more cutting-edge technology.',
        textZh: '沈向洋将Azure列为将帮助小米开发更多前沿技术的微软产品之一。',
        sources: [Q.shumStatement],
      },
    ],
    related: ['microsoft', 'xiaomi', 'mou-2018', 'harry-shum'],
  },
  windows: {
    summary: "Microsoft's family of operating systems for PCs and other devices.",
    summaryZh: '微软为个人电脑等设备开发的操作系统系列。',
    role: "The platform behind the partnership's devices: Windows 10 Mobile on the Mi 4 in 2015, and Windows 10 users from Xiaomi laptops.",
    roleZh: '合作设备背后的平台：2015年小米手机4上的Windows 10移动版，以及小米笔记本带来的Windows 10用户。',
    facts: [
      {
        text: 'The first version of Windows was released in 1985.',
        textZh: '第一版Windows于1985年发布。',
        sources: [REF.wpWindows],
      },
      {
        text: 'In 2015 Xiaomi agreed to test Windows 10 Mobile on the Mi 4 using custom ROMs.',
        textZh: '2015年，小米同意通过定制ROM在小米手机4上测试Windows 10移动版。',
        sources: [Q.trial2015],
      },
      {
        text: 'Microsoft expects Xiaomi laptops to bring Windows 10 more users.',
        textZh: '微软期望小米笔记本为Windows 10带来更多用户。',
        sources: [Q.windows10Users],
      },
    ],
    related: ['windows-10', 'windows-10-mobile', 'microsoft', 'mi-notebook'],
  },
  'windows-10': {
    summary: 'The version of Windows released in 2015.',
    summaryZh: '2015年发布的Windows版本。',
    role: "Microsoft expects Xiaomi's laptops to bring Windows 10 more users.",
    roleZh: '微软希望小米笔记本为Windows 10带来更多用户。',
    facts: [
      {
        text: 'Microsoft will get more users for Windows 10 through Xiaomi laptops.',
        textZh: '微软将通过小米笔记本为Windows 10赢得更多用户。',
        sources: [Q.windows10Users],
      },
      {
        text: 'Windows 10 was released on 29 July 2015.',
        textZh: 'Windows 10于2015年7月29日发布。',
        sources: [REF.wpWindows10],
      },
      {
        text: 'Microsoft ended support for Windows 10 on 14 October 2025.',
        textZh: '微软于2025年10月14日终止了对Windows 10的支持。',
        sources: [REF.wpWindows10],
      },
    ],
    related: ['windows', 'windows-10-mobile', 'mi-notebook', 'microsoft'],
  },
  'windows-10-mobile': {
    summary: "The Windows 10 edition for smartphones, last of Microsoft's Windows Phone line; discontinued.",
    summaryZh: '面向智能手机的Windows 10版本，微软Windows Phone系列的最后一代，已停止支持。',
    role: 'The subject of the first Xiaomi–Microsoft deal: a 2015 trial of Windows 10 Mobile ROMs on the Mi 4.',
    roleZh: '小米与微软第一次合作的主题：2015年在小米手机4上试用Windows 10移动版ROM。',
    facts: [
      {
        text: 'In 2015 Xiaomi agreed to test Windows 10 Mobile on the Mi 4 using custom ROMs.',
        textZh: '2015年，小米同意通过定制ROM在小米手机4上测试Windows 10移动版。',
        sources: [Q.trial2015],
      },
      {
        text: 'The trial did not go as well as fans had hoped.',
        textZh: '这次试用并不如粉丝们期望的那样顺利。',
        sources: [Q.mi4Successful],
      },
      {
        text: 'A preview ROM for the Mi 4 reached beta testers in June 2015; a wider release was announced for 3 December 2015.',
        textZh: '小米手机4的预览版ROM于2015年6月交付测试用户；更大范围的发布定于2015年12月3日。',
        sources: [REF.phonearenaMi4Rom],
      },
      {
        text: 'Windows 10 Mobile was the final generation of Windows Phone; its support ended on 14 January 2020.',
        textZh: 'Windows 10移动版是Windows Phone的最后一代，其支持已于2020年1月14日终止。',
        sources: [REF.wpWindows10Mobile],
      },
    ],
    related: ['windows', 'windows-10', 'mi-4', 'rom-trial-2015', 'microsoft'],
  },
  office: {
    summary: "Microsoft's productivity suite: Word, Excel, PowerPoint, Outlook and more.",
    summaryZh: '微软的办公套件，包括Word、Excel、PowerPoint、Outlook等。',
    role: "Preinstalled on Xiaomi's Android devices after the 2016 patent deal.",
    roleZh: '2016年专利协议之后预装在小米安卓设备上。',
    facts: [
      {
        text: 'After the 2016 deal, Xiaomi started preinstalling Microsoft Office on its devices.',
        textZh: '2016年的协议达成后，小米开始在其设备上预装微软Office。',
        sources: [Q.patentDealDate],
      },
      {
        text: 'From September 2016, Xiaomi Android devices including the Mi 5, Mi Max, Mi 4s, Redmi Note 3 and Redmi 3 were to ship with Word, Excel, PowerPoint and Outlook.',
        textZh:
          '自2016年9月起，包括小米5、小米Max、小米4s、红米Note 3和红米3在内的小米安卓设备将预装Word、Excel、PowerPoint和Outlook。',
        sources: [REF.eweekPatents],
      },
      {
        text: 'Microsoft already had similar preinstallation deals with Samsung, Acer and LG.',
        textZh: '微软此前已与三星、宏碁和LG签有类似的预装协议。',
        sources: [REF.voxPatents],
      },
    ],
    related: ['skype', 'patent-agreement-2016', 'microsoft', 'xiaomi'],
  },
  skype: {
    summary: 'Voice and video calling service, owned by Microsoft from 2011 until its retirement in 2025.',
    summaryZh: '网络语音和视频通话服务，2011年起归微软所有，2025年停止服务。',
    role: 'Preinstalled on Xiaomi devices after the 2016 deal, and listed among the Microsoft services the MoU covers.',
    roleZh: '2016年协议之后预装在小米设备上，也是谅解备忘录中列出的微软服务之一。',
    facts: [
      {
        text: 'After the 2016 deal, Xiaomi started preinstalling Skype on its devices.',
        textZh: '2016年的协议达成后，小米开始在其设备上预装Skype。',
        sources: [Q.patentDealDate],
      },
      {
        text: 'Skype is among the Microsoft services the companies agreed to work with in 2018.',
        textZh: 'Skype是两家公司在2018年约定合作的微软服务之一。',
        sources: [Q.aiList],
      },
      { text: 'Microsoft acquired Skype in 2011.', textZh: '微软于2011年收购了Skype。', sources: [REF.wpSkype] },
      {
        text: 'Microsoft retired Skype in May 2025, moving its users to Microsoft Teams (free).',
        textZh: '微软于2025年5月停用Skype，并将其用户迁移到免费版Microsoft Teams。',
        sources: [REF.itOnlineSkype],
      },
    ],
    related: ['office', 'microsoft', 'patent-agreement-2016', 'invoke'],
  },
  bing: {
    summary: "Microsoft's web search engine.",
    summaryZh: '微软的网络搜索引擎。',
    role: 'Listed among the Microsoft AI services the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能服务之一。',
    facts: [
      {
        text: 'Bing is among the Microsoft AI services named for the 2018 collaboration.',
        textZh: '必应是2018年合作中提到的微软人工智能服务之一。',
        sources: [Q.aiList],
      },
      { text: 'Microsoft launched Bing in 2009.', textZh: '微软于2009年推出必应。', sources: [REF.wpBing] },
      {
        text: 'Harry Shum led Bing search product development from 2007 to 2013.',
        textZh: '2007年至2013年间，沈向洋领导必应搜索产品的开发。',
        sources: [REF.microsoftResearchShum],
      },
    ],
    related: ['microsoft', 'harry-shum', 'cortana', 'microsoft-translator'],
  },
  'microsoft-translator': {
    summary: "Microsoft's multilingual machine-translation cloud service, also called Bing Translator.",
    summaryZh: '微软的多语言机器翻译云服务，也称必应翻译。',
    role: 'Listed among the Microsoft AI services the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能服务之一。',
    facts: [
      {
        text: 'Microsoft Translator is among the Microsoft AI services named for the 2018 collaboration.',
        textZh: '微软翻译是2018年合作中提到的微软人工智能服务之一。',
        sources: [Q.aiList],
      },
      {
        text: 'It is part of Microsoft Cognitive Services and is built into products such as Bing, Microsoft Office and Skype Translator.',
        textZh: '它是微软认知服务的一部分，内置于必应、微软Office和Skype翻译等产品中。',
        sources: [REF.wpTranslator],
      },
      {
        text: "The first version of Microsoft's machine-translation system was developed within Microsoft Research between 1999 and 2000.",
        textZh: '微软机器翻译系统的第一个版本于1999年至2000年间在微软研究院内部开发。',
        sources: [REF.wpTranslator],
      },
    ],
    related: ['bing', 'natural-language-processing', 'skype', 'microsoft'],
  },
  pix: {
    summary: "Microsoft Research's AI-powered camera app for the iPhone.",
    summaryZh: '微软研究院推出的人工智能相机应用（iPhone）。',
    role: 'Listed among the Microsoft AI services the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能服务之一。',
    facts: [
      {
        text: 'Pix is among the Microsoft AI services named for the 2018 collaboration.',
        textZh: 'Pix是2018年合作中提到的微软人工智能服务之一。',
        sources: [Q.aiList],
      },
      {
        text: 'Microsoft Research released Pix as a free iPhone app in July 2016.',
        textZh: '微软研究院于2016年7月以免费iPhone应用的形式发布了Pix。',
        sources: [REF.voxPix],
      },
      {
        text: 'For each shot Pix captures ten frames, seven before and three after the shutter press, and picks the best.',
        textZh: '每次拍摄时，Pix会捕捉十帧画面（按下快门前七帧、之后三帧），并从中挑选最佳的一张。',
        sources: [REF.voxPix],
      },
    ],
    related: ['computer-vision', 'microsoft'],
  },
  swiftkey: {
    summary: 'AI-powered predictive keyboard app for Android and iOS, owned by Microsoft.',
    summaryZh: '基于人工智能的预测输入法应用（安卓和iOS），归微软所有。',
    role: 'Listed among the Microsoft AI services the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能服务之一。',
    facts: [
      {
        text: 'SwiftKey is among the Microsoft AI services named for the 2018 collaboration.',
        textZh: 'SwiftKey是2018年合作中提到的微软人工智能服务之一。',
        sources: [Q.aiList],
      },
      {
        text: 'Microsoft announced in February 2016 that it had acquired SwiftKey; Harry Shum welcomed its team.',
        textZh: '微软于2016年2月宣布已收购SwiftKey；沈向洋对其团队表示欢迎。',
        sources: [REF.techtimesSwiftkey],
      },
      {
        text: "At the time, SwiftKey's keyboard powered more than 300 million Android and iOS devices.",
        textZh: '当时，SwiftKey输入法已用于超过3亿台安卓和iOS设备。',
        sources: [REF.cdrinfoSwiftkey],
      },
    ],
    related: ['microsoft', 'harry-shum', 'natural-language-processing'],
  },
  surface: {
    summary: "Microsoft's own line of Windows tablets, laptops and PCs.",
    summaryZh: '微软自有品牌的Windows平板、笔记本和电脑产品线。',
    role: "The expertise Microsoft brings to Xiaomi's laptops under the MoU.",
    roleZh: '根据谅解备忘录，微软将其在Surface上的经验用于小米笔记本。',
    facts: [
      {
        text: 'Microsoft has its expertise in the Surface devices.',
        textZh: '微软在Surface设备方面拥有专长。',
        sources: [Q.surface],
      },
      {
        text: 'Xiaomi will launch laptops using technology expertise from Microsoft.',
        textZh: '小米将借助微软的技术专长推出笔记本电脑。',
        sources: [Q.laptops],
      },
      {
        text: 'Microsoft unveiled the first Surface devices in 2012.',
        textZh: '微软于2012年发布了首批Surface设备。',
        sources: [REF.wpSurface],
      },
    ],
    related: ['mi-notebook', 'microsoft', 'windows'],
  },

  // ── Rival speakers ──────────────────────────────────────────────────────
  invoke: {
    summary: 'Cortana smart speaker made by Harman Kardon with Microsoft.',
    summaryZh: '哈曼卡顿与微软合作推出的微软小娜智能音箱。',
    role: "Microsoft's only Cortana speaker before the MoU; its struggles are why Cortana on Xiaomi's speakers matters.",
    roleZh: '谅解备忘录之前唯一搭载微软小娜的音箱；它的困境说明了让小娜进入小米音箱的意义。',
    facts: [
      {
        text: 'The article says the Invoke is having a really tough time in the market against Amazon, Google and the HomePod.',
        textZh: '文章称，面对亚马逊、谷歌和HomePod，Invoke在市场上处境十分艰难。',
        sources: [Q.invoke],
      },
      {
        text: 'Microsoft and Harman Kardon announced the Invoke on 8 May 2017.',
        textZh: '微软与哈曼卡顿于2017年5月8日发布了Invoke。',
        sources: [REF.windowsBlogInvoke],
      },
      {
        text: 'It can make Skype calls to mobile phones, landlines and other Skype devices.',
        textZh: '它可以向手机、固定电话和其他Skype设备拨打Skype电话。',
        sources: [REF.itwebInvoke],
      },
      {
        text: 'Microsoft ended Cortana on the Invoke in early 2021; updated speakers work on as Bluetooth speakers.',
        textZh: '微软于2021年初停止了Invoke上的小娜服务；更新后的音箱可继续作为蓝牙音箱使用。',
        sources: [REF.microsoftSupportInvoke],
      },
    ],
    related: ['harman-kardon', 'cortana', 'microsoft', 'mi-ai-speaker', 'skype'],
  },
  'google-home': {
    summary: "Google's smart speaker with the Google Assistant.",
    summaryZh: '谷歌推出的智能音箱，内置Google助理。',
    role: 'A rival the article says is doing well in the smart-speaker market.',
    roleZh: '文章认为在智能音箱市场表现良好的竞争产品。',
    facts: [
      {
        text: 'The article says Google Home speakers are doing well in the market.',
        textZh: '文章称，Google Home音箱在市场上表现良好。',
        sources: [Q.homeAndEcho],
      },
      {
        text: "Google unveiled Google Home at Google I/O in May 2016 as a direct competitor to Amazon's Echo.",
        textZh: '谷歌于2016年5月在Google I/O大会上发布Google Home，直接对标亚马逊的Echo。',
        sources: [REF.guardianGoogleHome, REF.thurrottGoogleHome],
      },
    ],
    related: ['google', 'amazon-echo', 'homepod', 'invoke'],
  },
  'amazon-echo': {
    summary: "Amazon's smart speakers, driven by the Alexa voice assistant.",
    summaryZh: '亚马逊的智能音箱系列，由Alexa语音助手驱动。',
    role: 'The speaker that opened the market the partnership wants to enter; the article says it is doing well.',
    roleZh: '开创了合作双方想进入的智能音箱市场；文章认为其表现良好。',
    facts: [
      {
        text: 'The article says Amazon Echo speakers are doing well in the market.',
        textZh: '文章称，亚马逊Echo音箱在市场上表现良好。',
        sources: [Q.homeAndEcho],
      },
      {
        text: "Echo devices connect to Amazon's voice-controlled assistant, Alexa.",
        textZh: 'Echo设备连接亚马逊的语音助手Alexa。',
        sources: [REF.wpAmazonEcho],
      },
      {
        text: 'Amazon first sold the Echo only to Prime members or by invitation; it became widely available in the US in mid-2015.',
        textZh: '亚马逊起初只向Prime会员或受邀用户出售Echo；2015年年中，Echo在美国全面开售。',
        sources: [REF.wpAmazonEcho],
      },
    ],
    related: ['amazon', 'google-home', 'homepod', 'invoke', 'mi-ai-speaker'],
  },
  homepod: {
    summary: "Apple's smart speaker with Siri.",
    summaryZh: '苹果公司推出的智能音箱，内置Siri。',
    role: 'A rival announced shortly before the MoU; the article counts it among the competition the Invoke faces.',
    roleZh: '谅解备忘录前不久发布的竞争产品；文章将其列为Invoke面临的竞争之一。',
    facts: [
      {
        text: 'The article expects the recently announced HomePod to bring Apple a lot of revenue.',
        textZh: '文章预计，新近发布的HomePod将为苹果带来大量收入。',
        sources: [Q.homepod],
      },
      {
        text: 'Apple unveiled the HomePod on 5 June 2017, priced at US$349.',
        textZh: '苹果于2017年6月5日发布HomePod，售价349美元。',
        sources: [REF.axiosHomepod, REF.cbcHomepod],
      },
      {
        text: 'It runs on the Apple A8 processor and has Siri built in.',
        textZh: '它采用苹果A8处理器，内置Siri。',
        sources: [REF.axiosHomepod],
      },
    ],
    related: ['apple', 'google-home', 'amazon-echo', 'invoke'],
  },

  // ── Xiaomi products ─────────────────────────────────────────────────────
  'mi-4': {
    summary: "Xiaomi's 2014 flagship smartphone.",
    summaryZh: '小米2014年的旗舰智能手机。',
    role: 'The phone on which Xiaomi and Microsoft trialled Windows 10 Mobile in 2015.',
    roleZh: '2015年小米与微软试用Windows 10移动版的手机。',
    facts: [
      {
        text: 'The article calls the Mi 4 an extremely successful smartphone.',
        textZh: '文章称小米手机4是一款极为成功的智能手机。',
        sources: [Q.mi4Successful],
      },
      {
        text: 'Xiaomi unveiled the Mi 4 on 22 July 2014 and released it in August 2014.',
        textZh: '小米于2014年7月22日发布小米手机4，并于2014年8月上市。',
        sources: [REF.wpMi4, REF.ausdroidMi4],
      },
      {
        text: 'It has a 5-inch 1080p display, a Snapdragon 801 processor and 3 GB of RAM.',
        textZh: '它配备5英寸1080p屏幕、骁龙801处理器和3GB内存。',
        sources: [REF.ausdroidMi4],
      },
      {
        text: 'In 2015 Xiaomi agreed to test Windows 10 Mobile on it using custom ROMs.',
        textZh: '2015年，小米同意通过定制ROM在这款手机上测试Windows 10移动版。',
        sources: [Q.trial2015],
      },
    ],
    related: ['xiaomi', 'windows-10-mobile', 'rom-trial-2015'],
  },
  'mi-ai-speaker': {
    summary: "Xiaomi's smart-speaker line, launched in China in 2017.",
    summaryZh: '小米的智能音箱产品线，2017年在中国推出。',
    role: "The MoU's main objective is to integrate Cortana into these speakers.",
    roleZh: '谅解备忘录的主要目标是将微软小娜集成到这些音箱中。',
    facts: [
      {
        text: "The main objective of the 2018 agreement is to bring Cortana to Xiaomi's smart speakers.",
        textZh: '2018年协议的主要目标是将小娜引入小米的智能音箱。',
        sources: [Q.cortanaIntoSpeakers],
      },
      {
        text: 'Xiaomi launched the Mi AI Speaker on 26 July 2017, priced at 299 yuan (about US$45).',
        textZh: '小米于2017年7月26日推出小米AI音箱，售价299元（约合45美元）。',
        sources: [REF.voicebotMiAiSpeaker],
      },
      {
        text: 'It uses six far-field microphones to hear commands from across a room.',
        textZh: '它使用六个远场麦克风，在房间另一头也能听到指令。',
        sources: [REF.voicebotMiAiSpeaker],
      },
    ],
    related: ['xiaomi', 'cortana', 'invoke', 'amazon-echo', 'mou-2018'],
  },
  'mi-notebook': {
    summary: "Xiaomi's laptop line, begun with the Mi Notebook Air in 2016.",
    summaryZh: '小米的笔记本电脑产品线，始于2016年的小米笔记本Air。',
    role: "Under the MoU, Microsoft lends its expertise and will help sell and market Xiaomi's laptops.",
    roleZh: '根据谅解备忘录，微软提供技术经验，并协助销售和推广小米笔记本。',
    facts: [
      {
        text: 'Xiaomi will launch laptops using technology expertise from Microsoft.',
        textZh: '小米将借助微软的技术专长推出笔记本电脑。',
        sources: [Q.laptops],
      },
      {
        text: 'Microsoft will also assist in selling and marketing Xiaomi laptops.',
        textZh: '微软还将协助小米笔记本的销售和营销。',
        sources: [Q.laptopMarketing],
      },
      {
        text: "Xiaomi's first laptop, the Mi Notebook Air, was presented at the end of July 2016 in 12.5-inch and 13.3-inch versions.",
        textZh: '小米的第一款笔记本电脑小米笔记本Air于2016年7月底发布，有12.5英寸和13.3英寸两个版本。',
        sources: [REF.komputerswiatMiNotebookAir, REF.igeekphoneMiNotebookAir],
      },
      {
        text: 'The article expects Xiaomi laptops to be affordable for their features.',
        textZh: '文章预计，就其功能而言，小米笔记本的价格会很实惠。',
        sources: [Q.laptopsAffordable],
      },
    ],
    related: ['xiaomi', 'surface', 'windows-10', 'microsoft', 'mou-2018'],
  },

  // ── People ──────────────────────────────────────────────────────────────
  'harry-shum': {
    summary: 'Microsoft executive who led its Artificial Intelligence and Research group.',
    summaryZh: '微软高管，曾领导微软人工智能与研究事业部。',
    role: 'Spoke for Microsoft on the 2018 MoU.',
    roleZh: '2018年谅解备忘录签署时代表微软发言。',
    facts: [
      {
        text: "He was executive vice president of Microsoft's Artificial Intelligence and Research Group.",
        textZh: '他曾任微软人工智能及研究事业部执行副总裁。',
        sources: [Q.shumTitle],
      },
      {
        text: "He said Microsoft's AI strengths and products like Azure will help Xiaomi develop more cutting-edge technology.",
        textZh: '他表示，微软在人工智能方面的优势以及Azure等产品将帮助小米开发更多前沿技术。',
        sources: [Q.shumStatement],
      },
      {
        text: 'He joined Microsoft Research in 1996 and in 1998 was a founding member of Microsoft Research China, later Microsoft Research Asia.',
        textZh: '他于1996年加入微软研究院，1998年成为微软中国研究院（后来的微软亚洲研究院）的创始成员之一。',
        sources: [REF.microsoftResearchShum],
      },
      {
        text: "He led Microsoft's AI and Research group until 1 March 2020.",
        textZh: '他领导微软人工智能及研究事业部直至2020年3月1日。',
        sources: [REF.microsoftResearchShum],
      },
    ],
    related: ['microsoft', 'mou-2018', 'bing', 'azure', 'wang-xiang'],
  },
  'wang-xiang': {
    summary: 'Xiaomi executive; in 2018 its Global Senior Vice President and Head of International Business.',
    summaryZh: '小米高管，2018年任小米全球高级副总裁兼国际业务负责人。',
    role: 'Spoke for Xiaomi on the 2016 patent deal and the 2018 MoU.',
    roleZh: '在2016年专利协议和2018年谅解备忘录中代表小米发言。',
    facts: [
      {
        text: 'He was Global Senior Vice President and Head of International Business at Xiaomi.',
        textZh: '他曾任小米全球高级副总裁兼国际业务负责人。',
        sources: [Q.wangTitle],
      },
      {
        text: 'He said collaborating with Microsoft will speed up Xiaomi bringing exciting products and services to its users.',
        textZh: '他表示，与微软合作将加快小米为用户带来激动人心的产品和服务的步伐。',
        sources: [Q.wangAccelerate],
      },
      {
        text: 'Xiaomi hired him in June 2015 from Qualcomm, where he had been president of Qualcomm China.',
        textZh: '小米于2015年6月从高通将他招入，此前他任高通中国区总裁。',
        sources: [REF.voxWangXiang],
      },
      {
        text: "In January 2017 he took over Xiaomi's global expansion from Hugo Barra.",
        textZh: '2017年1月，他从雨果·巴拉手中接管了小米的全球扩张业务。',
        sources: [REF.indianExpressWangXiang],
      },
    ],
    related: ['xiaomi', 'mou-2018', 'patent-agreement-2016', 'harry-shum'],
  },

  // ── Technologies ────────────────────────────────────────────────────────
  'computer-vision': {
    summary: 'Field of AI that lets computers understand images and video.',
    summaryZh: '让计算机理解图像和视频的人工智能领域。',
    role: 'One of the Microsoft AI technologies the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能技术之一。',
    facts: [
      {
        text: 'Computer vision is among the Microsoft AI technologies named for the 2018 collaboration.',
        textZh: '计算机视觉是2018年合作中提到的微软人工智能技术之一。',
        sources: [Q.aiList],
      },
      {
        text: 'Harry Shum is an IEEE and ACM Fellow for his contributions to computer vision and computer graphics.',
        textZh: '沈向洋因在计算机视觉和计算机图形学方面的贡献，当选IEEE会士和ACM会士。',
        sources: [REF.microsoftResearchShum],
      },
    ],
    related: ['conversational-ai', 'natural-language-processing', 'pix', 'harry-shum', 'mou-2018'],
  },
  'conversational-ai': {
    summary: 'AI that lets people talk with software in natural conversation, as with chatbots and voice assistants.',
    summaryZh: '让人能以自然对话方式与软件交流的人工智能，如聊天机器人和语音助手。',
    role: 'One of the Microsoft AI technologies the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能技术之一。',
    facts: [
      {
        text: 'Conversational AI is among the Microsoft AI technologies named for the 2018 collaboration.',
        textZh: '对话式人工智能是2018年合作中提到的微软人工智能技术之一。',
        sources: [Q.aiList],
      },
      {
        text: "The companies' announcement listed Conversational AI alongside Speech, Knowledge Graph and Search, with related products including Cortana and XiaoIce.",
        textZh: '两家公司的公告将对话式人工智能与语音、知识图谱和搜索并列，相关产品包括小娜和小冰。',
        sources: [REF.windowsCentralMou],
      },
    ],
    related: ['cortana', 'natural-language-processing', 'computer-vision', 'mou-2018'],
  },
  'natural-language-processing': {
    summary: 'Field of AI that lets computers process and understand human language.',
    summaryZh: '让计算机处理和理解人类语言的人工智能领域。',
    role: 'One of the Microsoft AI technologies the companies agreed to work with under the MoU.',
    roleZh: '谅解备忘录中双方同意合作的微软人工智能技术之一。',
    facts: [
      {
        text: 'Natural language processing is among the Microsoft AI technologies named for the 2018 collaboration.',
        textZh: '自然语言处理是2018年合作中提到的微软人工智能技术之一。',
        sources: [Q.aiList],
      },
      {
        text: 'Natural language processing is concerned with processing human language data with computers.',
        textZh: '自然语言处理研究如何用计算机处理人类语言数据。',
        sources: [REF.wpNlp],
      },
      {
        text: 'Microsoft Translator, also named in the agreement, is a machine-translation cloud service.',
        textZh: '协议中同样提到的微软翻译是一项机器翻译云服务。',
        sources: [REF.wpTranslator],
      },
    ],
    related: ['conversational-ai', 'computer-vision', 'microsoft-translator', 'bing', 'mou-2018'],
  },

  // ── Agreements ──────────────────────────────────────────────────────────
  'rom-trial-2015': {
    summary: 'The 2015 programme in which Xiaomi and Microsoft tested Windows 10 Mobile on the Mi 4.',
    summaryZh: '2015年小米与微软在小米手机4上测试Windows 10移动版的合作项目。',
    role: 'The first deal between the two companies.',
    roleZh: '两家公司之间的第一次合作。',
    facts: [
      {
        text: 'In 2015 Xiaomi agreed to test Windows 10 Mobile on the Mi 4 using custom ROMs.',
        textZh: '2015年，小米同意通过定制ROM在小米手机4上测试Windows 10移动版。',
        sources: [Q.trial2015],
      },
      {
        text: 'It did not go as well as fans had hoped, although the Mi 4 was an extremely successful phone.',
        textZh: '尽管小米手机4是一款极为成功的手机，这次试用却不如粉丝们期望的那样顺利。',
        sources: [Q.mi4Successful],
      },
      {
        text: 'Microsoft announced the programme in March 2015; a preview ROM reached beta testers in June, and a wider release was announced for 3 December 2015.',
        textZh: '微软于2015年3月宣布这一计划；预览版ROM于6月交付测试用户，更大范围的发布定于2015年12月3日。',
        sources: [REF.phonearenaMi4Rom],
      },
    ],
    related: ['mi-4', 'windows-10-mobile', 'xiaomi', 'microsoft'],
  },
  'patent-agreement-2016': {
    summary: 'The 2016 deal in which Xiaomi bought Microsoft patents and agreed to preinstall Office and Skype.',
    summaryZh: '2016年小米购买微软专利并同意预装Office和Skype的协议。',
    role: 'The second deal between the two companies.',
    roleZh: '两家公司之间的第二次合作。',
    facts: [
      {
        text: 'In 2016 Xiaomi bought a lot of patents from Microsoft, letting it use Microsoft services on its devices.',
        textZh: '2016年，小米从微软购买了大量专利，得以在其设备上使用微软服务。',
        sources: [Q.patents2016],
      },
      {
        text: 'The deal was signed between May and June 2016; Xiaomi then started preinstalling Office and Skype.',
        textZh: '该协议于2016年5月至6月间签署；此后小米开始预装Office和Skype。',
        sources: [Q.patentDealDate],
      },
      {
        text: 'Xiaomi bought about 1,500 patents covering wireless communications, video, cloud and multimedia; the deal was announced on 31 May 2016.',
        textZh: '小米购买了约1500项专利，涵盖无线通信、视频、云和多媒体领域；这笔交易于2016年5月31日宣布。',
        sources: [REF.voxPatents, REF.eweekPatents],
      },
      {
        text: 'The two companies also agreed to cross-license some of their technologies.',
        textZh: '两家公司还同意对部分技术进行交叉许可。',
        sources: [REF.eweekPatents],
      },
    ],
    related: ['xiaomi', 'microsoft', 'office', 'skype', 'wang-xiang'],
  },
  'mou-2018': {
    summary: 'The strategic framework memorandum of understanding Xiaomi and Microsoft signed in February 2018.',
    summaryZh: '2018年2月小米与微软签署的战略框架谅解备忘录。',
    role: 'The latest stage of the partnership: cloud, laptops, smart speakers and AI.',
    roleZh: '双方合作的最新阶段：云服务、笔记本、智能音箱和人工智能。',
    facts: [
      {
        text: 'The MoU lets the two companies create new technologies and develop existing ones together.',
        textZh: '这份谅解备忘录让两家公司可以共同创造新技术、共同开发现有技术。',
        sources: [Q.mouSigned],
      },
      {
        text: 'It covers cloud support, laptop devices and AI services, besides Cortana on smart speakers.',
        textZh: '除智能音箱上的小娜外，它还涵盖云支持、笔记本设备和人工智能服务。',
        sources: [Q.otherAreas, Q.cortanaIntoSpeakers],
      },
      {
        text: 'It was signed and announced on 23 February 2018.',
        textZh: '它于2018年2月23日签署并宣布。',
        sources: [REF.globalTimesMou, REF.axiosMou],
      },
      {
        text: 'As an MoU it is not legally binding, and it is not known whether any money is involved.',
        textZh: '作为谅解备忘录，它不具法律约束力，也不清楚是否涉及资金往来。',
        sources: [Q.notBinding],
      },
    ],
    related: ['xiaomi', 'microsoft', 'cortana', 'azure', 'mi-ai-speaker', 'mi-notebook', 'harry-shum', 'wang-xiang'],
  },
};
