/**
 * Places: towns with their county and postcode area, councils, NHS bodies, home names and
 * postal addresses in CareHQ's `postal_address` shape.
 */
import { words } from './names.js';
import type { Rng } from './prng.js';

export interface Town {
  readonly town: string;
  readonly county: string;
  readonly postcodeArea: string;
}

/** `town|county|area` rows; Welsh towns keep their Welsh letters. */
const TOWNS: readonly Town[] = `
Oxford|Oxfordshire|OX;Banbury|Oxfordshire|OX;Great Haseley|Oxfordshire|OX
Aylesbury|Buckinghamshire|HP;High Wycombe|Buckinghamshire|HP;Reading|Berkshire|RG
Cardiff|South Glamorgan|CF;Caernarfon|Gwynedd|LL;Ystradgynlais|Powys|SA
Swansea|West Glamorgan|SA;Maidstone|Kent|ME;Canterbury|Kent|CT;Norwich|Norfolk|NR
King's Lynn|Norfolk|PE;Ipswich|Suffolk|IP;Cambridge|Cambridgeshire|CB;Leeds|West Yorkshire|LS
York|North Yorkshire|YO;Harrogate|North Yorkshire|HG;Sheffield|South Yorkshire|S
Manchester|Greater Manchester|M;Stockport|Greater Manchester|SK;Liverpool|Merseyside|L
Chester|Cheshire|CH;Preston|Lancashire|PR;Kendal|Cumbria|LA;Newcastle upon Tyne|Tyne and Wear|NE
Durham|County Durham|DH;Nottingham|Nottinghamshire|NG;Leicester|Leicestershire|LE
Birmingham|West Midlands|B;Worcester|Worcestershire|WR;Hereford|Herefordshire|HR
Gloucester|Gloucestershire|GL;Bath|Somerset|BA;Taunton|Somerset|TA;Exeter|Devon|EX
Truro|Cornwall|TR;Bournemouth|Dorset|BH;Southampton|Hampshire|SO;Brighton|East Sussex|BN
Guildford|Surrey|GU;Lincoln|Lincolnshire|LN;Shrewsbury|Shropshire|SY;Stoke-on-Trent|Staffordshire|ST
`
  .split(/[;\n]/)
  .map((row) => row.trim())
  .filter((row) => row !== '')
  .map((row) => {
    const [town = '', county = '', postcodeArea = ''] = row.split('|');
    return { town, county, postcodeArea };
  });

/** Councils that commission care, real names; about one per ten homes is used. */
const COUNCILS: readonly string[] = `
Oxfordshire County Council;Buckinghamshire Council;West Berkshire Council;Cardiff Council
Cyngor Gwynedd;Powys County Council;City and County of Swansea;Kent County Council
Norfolk County Council;Suffolk County Council;Cambridgeshire County Council;Leeds City Council
North Yorkshire Council;Sheffield City Council;Manchester City Council;Stockport Council
Liverpool City Council;Cheshire West and Chester Council;Lancashire County Council
Westmorland and Furness Council;Newcastle City Council;Durham County Council
Nottinghamshire County Council;Leicestershire County Council;Birmingham City Council
Worcestershire County Council;Herefordshire Council;Gloucestershire County Council
Bath and North East Somerset Council;Somerset Council;Devon County Council;Cornwall Council
BCP Council;Hampshire County Council;Brighton and Hove City Council;Surrey County Council
Lincolnshire County Council;Shropshire Council;Staffordshire County Council
Wiltshire Council;Essex County Council;Hertfordshire County Council;Derbyshire County Council
Cumberland Council;Northumberland County Council;East Sussex County Council
West Sussex County Council;Warwickshire County Council;Cheshire East Council
Wrexham County Borough Council;Conwy County Borough Council;Rhondda Cynon Taf Council
`
  .split(/[;\n]/)
  .map((name) => name.trim())
  .filter((name) => name !== '');

/** NHS commissioners (ICBs in England, health boards in Wales) that pay FNC and CHC. */
const NHS_BODIES: readonly string[] = `
NHS Buckinghamshire, Oxfordshire and Berkshire West ICB;Cardiff and Vale University Health Board
Betsi Cadwaladr University Health Board;Swansea Bay University Health Board
NHS Kent and Medway ICB;NHS Norfolk and Waveney ICB;NHS Suffolk and North East Essex ICB
NHS Cambridgeshire and Peterborough ICB;NHS West Yorkshire ICB;NHS South Yorkshire ICB
NHS Greater Manchester ICB;NHS Cheshire and Merseyside ICB;NHS Lancashire and South Cumbria ICB
NHS North East and North Cumbria ICB;NHS Nottingham and Nottinghamshire ICB
NHS Leicester, Leicestershire and Rutland ICB;NHS Birmingham and Solihull ICB
NHS Herefordshire and Worcestershire ICB;NHS Gloucestershire ICB;NHS Somerset ICB
NHS Devon ICB;NHS Cornwall and the Isles of Scilly ICB;NHS Dorset ICB
NHS Hampshire and Isle of Wight ICB;NHS Sussex ICB;NHS Surrey Heartlands ICB
`
  .split(/[;\n]/)
  .map((name) => name.trim())
  .filter((name) => name !== '');

const STREETS: readonly string[] = [
  'High Street;Church Road;Station Road;Rectory Road;Mill Lane;The Green;Park Avenue',
  'Victoria Road;Manor Way;Orchard Close;Meadow View;Heol y Nant;Ffordd yr Eglwys;London Road',
]
  .join(';')
  .split(';');

const HOUSE_NAMES = words(
  'Rose_Cottage The_Old_Rectory Ivy_House Brook_Farm Tŷ_Gwyn Hafod The_Laurels Fern_Lodge',
).map((name) => name.replace(/_/g, ' '));

const HOME_FIRST = words(
  'Rectory Meadowbank Willow Oak Cedar Beech Heather Bramble Primrose Orchard Riverside Hillcrest Bryn Plas Abbey Kingfisher',
);
const HOME_SECOND = words('House Court Lodge Manor Grange View Gardens Park Hall');

export interface PostalAddress {
  readonly address_1: string;
  readonly address_2: string;
  readonly country: string;
  readonly county: string;
  readonly postcode: string;
  readonly town: string;
}

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * A UK-shaped postcode in a town's area, e.g. `OX44 7JG`.
 *
 * @example postcodeIn(createRng(1), { town: 'Oxford', county: 'Oxfordshire', postcodeArea: 'OX' })
 */
export function postcodeIn(rng: Rng, town: Town): string {
  const district = rng.int(1, 29);
  const letter = () => LETTERS[rng.int(0, LETTERS.length - 1)];
  return `${town.postcodeArea}${district} ${rng.int(1, 9)}${letter()}${letter()}`;
}

/**
 * A postal address in CareHQ's shape (every key present, empty strings for blanks).
 *
 * @example postalAddress(createRng(1), town).postcode // 'OX12 3AB'
 */
export function postalAddress(rng: Rng, town: Town): PostalAddress {
  const named = rng.chance(0.25);
  return {
    address_1: named ? rng.pick(HOUSE_NAMES) : `${rng.int(1, 180)} ${rng.pick(STREETS)}`,
    address_2: named ? rng.pick(STREETS) : '',
    country: rng.chance(0.3) ? 'United Kingdom' : '',
    county: town.county,
    postcode: postcodeIn(rng, town),
    town: town.town,
  };
}

/** The `i`th town (cycling). @example townAt(0).town === 'Oxford' */
export function townAt(index: number): Town {
  return TOWNS[index % TOWNS.length] as Town;
}

/** A random town. @example randomTown(createRng(1)).postcodeArea // 'OX' */
export function randomTown(rng: Rng): Town {
  return rng.pick(TOWNS);
}

/**
 * The name of the `i`th council; past the list, names repeat with an area number.
 *
 * @example councilName(0) === 'Oxfordshire County Council'
 */
export function councilName(index: number): string {
  return numbered(COUNCILS, index);
}

/** The name of the `i`th NHS body. @example nhsBodyName(1) === 'Cardiff and Vale University Health Board' */
export function nhsBodyName(index: number): string {
  return numbered(NHS_BODIES, index);
}

/** A care home's name. @example homeName(createRng(1)) // 'Willow Lodge' */
export function homeName(rng: Rng): string {
  return `${rng.pick(HOME_FIRST)} ${rng.pick(HOME_SECOND)}`;
}

function numbered(names: readonly string[], index: number): string {
  const name = names[index % names.length] as string;
  const round = Math.floor(index / names.length);
  return round === 0 ? name : `${name} (area ${round + 1})`;
}
