/**
 * Common given names and surnames, for telling a column of personal names from other short text
 * when its name does not say so, whatever the letter case (`miguel hernandez`, `NGUYEN`). The
 * lists are small on purpose: a column of names has many rows whose first or last word is a
 * common name, while product names, city names and free text have few. The words are written as
 * `normalizeValue` leaves them (lower case, accents removed).
 */

import { MORE_GIVEN_NAMES, MORE_SURNAMES } from './name-data.js';

const GIVEN = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian
keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori
miguel luis carlos jorge pedro manuel francisco antonio alejandro javier fernando ricardo eduardo roberto sergio
rafael andres diego pablo raul hector oscar ramon enrique alberto mario arturo jesus salvador guadalupe rosa
carmen ana lucia sofia isabel elena camila valentina gabriela daniela paula marta laura adriana veronica silvia
mariana alejandra fernanda ximena juana josefina beatriz cristina patricia leticia yolanda
jamal darnell tyrone deshawn marcus terrell andre malik dwayne reginald cedric lamar demetrius jermaine
keisha latoya tamika aaliyah imani jasmine ebony shanice tanisha precious
wei li ming jun hui yan ling hong mei xin hao lei jing yu chen hiroshi yuki kenji takashi akira haruto
sakura yumi aiko min ji soo hyun seo young jin minh anh thi duc linh huong tuan
mohammed muhammad ahmed ali omar hassan hussein ibrahim yusuf mustafa khalid fatima aisha zainab mariam layla
priya raj rahul amit sanjay ravi anil sunil vijay deepak arjun anita sunita pooja neha kavita lakshmi
pierre jean jacques michel philippe alain francois nicolas marie sophie isabelle nathalie camille
hans klaus jurgen stefan andreas thomas wolfgang uwe karl ursula monika petra sabine
giuseppe giovanni marco luca matteo francesca giulia chiara
joao paulo tiago lucas gabriel rafael bruno thiago ana beatriz luana
ivan dmitri sergei vladimir olga natasha svetlana tatiana irina
kwame kofi chinedu emeka oluwaseun ngozi amara chioma adebayo
`;

const SURNAMES = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson
thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker
young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell
carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy
cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson
brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross
foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez
simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant
herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald
woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter
hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd
rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan
gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight
elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman
johnston matthews pena richards contreras willis carpenter lawrence sandoval
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao tanaka suzuki sato takahashi
watanabe ito yamamoto nakamura kobayashi park choi jung kang cho yoon jang lim pham hoang phan vu vo dang bui do
ho ngo duong ly khan ahmed ali hussain rahman hassan ibrahim singh kumar sharma gupta shah mehta reddy rao iyer
muller schneider fischer weber becker schulz hoffmann koch richter klein wolf schroder neumann
dubois durand leroy moreau lefebvre laurent bernard petit rossi russo ferrari esposito bianchi romano colombo
ivanov petrov smirnov popov okafor okonkwo adeyemi mensah diallo traore
`;

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

/** Common given names, lower case without accents (with the longer list of ./name-data.ts). */
export const GIVEN_NAMES: ReadonlySet<string> = words(GIVEN + MORE_GIVEN_NAMES);

/** Common surnames, lower case without accents (with the longer list of ./name-data.ts). */
const SURNAMES_SET: ReadonlySet<string> = words(SURNAMES + MORE_SURNAMES);

/**
 * First words that make a value a place, not a person (`san jose`, `fort worth`, `new jersey`):
 * a value starting with one is never counted as a name, whatever follows.
 */
const PLACE_PREFIXES: ReadonlySet<string> = words('san santa santo sao saint st ste fort ft port new north south east west lake mount mt los las el lago rio villa puerto bad sankt cape glen');

/** Particles inside names (`maria de la cruz`, `ludwig van beethoven`, `omar bin laden`) that are neither given name nor surname. */
const NAME_PARTICLES: ReadonlySet<string> = words('de del della de la las los da das do dos di du van von der den ter ten le bin ibn binti al el abu y e');

/** Whether the words of one value (lower case, accents removed) read as a personal name: a given name first or a surname last, not a place. */
export function isPersonNameWords(words: readonly string[]): boolean {
  const kept = words.filter((w) => w !== '');
  if (kept.length === 0 || PLACE_PREFIXES.has(kept[0])) return false;
  const core = kept.filter((w, i) => i === 0 || i === kept.length - 1 || !NAME_PARTICLES.has(w));
  const first = core[0];
  const last = core[core.length - 1];
  return GIVEN_NAMES.has(first) || SURNAMES_SET.has(first) || GIVEN_NAMES.has(last) || SURNAMES_SET.has(last);
}

/**
 * Whether the words of a file or folder name (lower case, accents removed, numbers left out) are
 * a person's full name and nothing else: two to four words, a given name first and a surname last
 * (`alice smith`) or the other way round (`smith alice`), with only initials or particles between.
 * Stricter than {@link isPersonNameWords}: one name word beside other words (`mark price history`,
 * `grant applications`) names a file, not a person.
 */
export function isFullPersonName(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  const first = words[0];
  const last = words[words.length - 1];
  const middle = words.slice(1, -1).every((w) => w.length === 1 || NAME_PARTICLES.has(w) || GIVEN_NAMES.has(w) || SURNAMES_SET.has(w));
  const forward = GIVEN_NAMES.has(first) && SURNAMES_SET.has(last);
  const backward = SURNAMES_SET.has(first) && GIVEN_NAMES.has(last);
  return middle && (forward || backward) && !PLACE_PREFIXES.has(first);
}

/** Whether `word` (lower case, accents removed) is a common surname. */
export function isSurname(word: string): boolean {
  return SURNAMES_SET.has(word);
}

/** Whether `word` (lower case, accents removed) is a common given name or surname. */
export function isCommonName(word: string): boolean {
  return GIVEN_NAMES.has(word) || SURNAMES_SET.has(word);
}
