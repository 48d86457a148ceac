/**
 * The classifier's rules for ambiguous names (src/detect/classify.ts): for
 * each entity with an ambiguous alias, what tells its sense from the other
 * ones, and the vocabularies shared by every entity. Runs in the background
 * only (with compromise); the scan's own rules are in ./scan.ts.
 *
 * Every entity with an alias that is one ambiguous word alone ("Surface",
 * "Wang") has a profile here, and every profile belongs to such an entity:
 * tests/unit/detect-rules.test.ts checks both ways. Evidence is written from
 * how English uses the two senses, never from a single test sentence.
 */

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Words of computing, devices, software business: the tech sense's company. */
export const TECH_WORDS = new Set(
  (
    'ai api app apps assistant assistants android analysts account accounts beta browser chip chips cloud computer computers ' +
    'computing console consumers customers data datacenter datacentre developer developers device devices digital download ' +
    'downloads email engine gadget gadgets handset handsets hardware internet ios iphone ipad keyboard keyboards laptop laptops ' +
    'linux launch launched launches market online os pc pcs phone phones platform platforms preinstalled processor ' +
    'product products release released revenue search searches server servers service services shares smartphone ' +
    'smartphones software speaker speakers startup stock storage streaming subscription subscriptions tablet tablets ' +
    'tech technology update updates upgrade user users version voice web website alexa siri ' +
    'samsung huawei lenovo dell sony firmware ceo unveiled announced shipped ships ' +
    'sales sold price priced prices outage query queries results camera screen battery wi-fi bluetooth touchscreen ' +
    'offline excel powerpoint onedrive xbox'
  ).split(/\s+/),
);

/** Small words left lower-case in title-case headlines. */
export const SMALL_WORDS = new Set(
  words('a an the and or but nor of in on at to for by with from as vs via per into onto over'),
);

export interface Profile {
  /** Score with no evidence at all: how often the capitalised word is the entity in web text. */
  prior: number;
  /** The name is also an English verb ("invoke", "surface", "echo"). */
  verb?: boolean;
  /** A maker whose name starts other product names ("Apple Watch"): a capitalised next word is fine. */
  maker?: boolean;
  /** A person: a neighbouring first name or other name makes it someone else. */
  person?: boolean;
  /** Following words that belong to the entity's sense ("Surface Pro", "Echo Dot"). */
  nextPos?: string[];
  /** Following words that belong to the other sense ("surface tension", "Amazon river"). */
  nextNeg?: string[];
  /** Preceding words of the other sense ("box office", "Oval Office"). */
  prevNeg?: string[];
  /** Words anywhere in the sentence that belong to the other sense. */
  traps?: string[];
  /** Entities whose presence (sentence or document) supports this one. */
  related?: string[];
  /** Needs a related entity somewhere in the document to be accepted at all ("Wang"). */
  needsRelated?: boolean;
}

export const PROFILES: Record<string, Profile> = {
  surface: {
    prior: -1,
    verb: true,
    nextPos: words(
      'pro book laptop go studio duo hub line lineup device devices tablet tablets keyboard pen headphones earbuds range family team',
    ),
    nextNeg: words(
      'of tension area water waters temperature temperatures level levels layer layers mining roughness finish treatment transportation air-to-air to-air texture patterns pattern soil ocean sea',
    ),
    traps: words(
      'water lake sea ocean moon mars planet earth soil table floor skin rock ice dust tension crater wound road paint',
    ),
    related: ['microsoft', 'windows', 'windows-10', 'office'],
  },
  office: {
    prior: -1,
    nextPos: words('365 2016 2019 2021 2024 suite apps app documents document online mobile for'),
    nextNeg: words(
      'of space spaces hours worker workers building buildings block blocks supplies furniture chair chairs desk manager managers party politics holder holders park rent lease staff job jobs romance',
    ),
    prevNeg: words(
      "box oval post head home foreign colonial war land patent tourist ticket doctor’s doctor's dentist’s dentist's front back main regional branch field press",
    ),
    traps: words('mayor president minister ambassador government embassy statement sheriff'),
    related: ['microsoft', 'windows', 'skype'],
  },
  windows: {
    prior: -1,
    nextPos: words(
      '10 11 7 8 xp vista phone server update store pc pcs laptop laptops version team insider defender hello mobile rt live media explorer os',
    ),
    nextNeg: words('of were are doors frames frame sills sill shutters panes'),
    prevNeg: words('stained glass bay rose sash french open close broken'),
    traps: words('glass curtains curtain door doors wall walls room storm shattered cathedral church'),
    related: ['microsoft', 'office', 'surface', 'cortana'],
  },
  'amazon-echo': {
    prior: -1,
    verb: true,
    nextPos: words('dot show plus spot studio input flex auto buds speaker speakers device devices'),
    nextNeg: words('of chamber chambers location sounder canyon effect effects park lake'),
    traps: words('bells bell valley canyon voice voices cave chamber hall mountains sound sounds shout heard walls'),
    related: ['amazon', 'google-home', 'homepod'],
  },
  invoke: {
    prior: -1,
    verb: true,
    nextPos: words('speaker speakers smart'),
    traps: words(
      'function method clause command argument arguments right law contract spirit memory god name script api',
    ),
    related: ['harman-kardon', 'cortana', 'microsoft'],
  },
  amazon: {
    prior: 0.5,
    maker: true,
    nextNeg: words(
      'river rivers rainforest rainforests basin delta jungle forest forests region tribe tribes tribal warriors warrior women parrot parrots fires deforestation biome',
    ),
    traps: words(
      'river rivers tributary tributaries rain rainfall rainforest jungle forest trees tribe tribes indigenous brazil peru colombia basin delta fish deforestation species wildlife myth warriors',
    ),
    related: ['amazon-echo', 'google', 'apple', 'microsoft'],
  },
  apple: {
    prior: 0.5,
    maker: true,
    nextNeg: words(
      'of pie pies tree trees juice juices cider orchard orchards sauce seeds seed crumble tart blossom blossoms core peel peels variety varieties harvest picking',
    ),
    prevNeg: words('big candy toffee crab custard green red'),
    traps: words(
      'fruit fruits pie orchard orchards eat ate eating tree trees juice dessert cider baking harvest pear pears banana cheese',
    ),
    related: ['homepod', 'google', 'amazon', 'microsoft'],
  },
  azure: {
    prior: -1,
    nextNeg: words('blue sky skies sea seas water waters eyes coast window windows'),
    traps: words(
      'sky skies sea seas ocean bay water waters lake eyes coast blue painted paint colour color tiles silk dress',
    ),
    related: ['microsoft', 'windows', 'office'],
  },
  pix: {
    prior: -1,
    traps: words('payment payments brazil brazilian bank banks transfer transfers central pay instant wedding party'),
    related: ['microsoft'],
  },
  bing: {
    prior: -1,
    prevNeg: words('chandler'),
    traps: words('song singer crooner film actor christmas'),
    related: ['microsoft', 'google', 'cortana'],
  },
  'microsoft-translator': {
    prior: -1,
    nextPos: words('app apps api service'),
    traps: words('embassy poem novel book court interpreter poet'),
    related: ['microsoft', 'bing', 'skype'],
  },
  'harry-shum': {
    // A rare surname, and the labelling convention counts "Shum" alone as him.
    prior: 0.5,
    person: true,
    related: ['microsoft'],
  },
  'wang-xiang': {
    // One of the most common surnames: "Wang" alone is him only on a page about Xiaomi or him.
    prior: -1.5,
    person: true,
    related: ['xiaomi', 'wang-xiang'],
    needsRelated: true,
  },
};

/** Profile for entities without one (a researcher's alias of any entity, a model name written oddly). */
export const DEFAULT_PROFILE: Profile = { prior: -0.5 };

/** Agreements' generic phrases ("memorandum of understanding", "MoU") count only in a text that names one of these. */
export const AGREEMENT_PARTIES: readonly string[] = ['xiaomi', 'microsoft'];
