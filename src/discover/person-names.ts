/**
 * Common given names and surnames, for telling a column of personal names from other short text
 * when its name does not say so, whatever the letter case (`miguel hernandez`, `NGUYEN`). The
 * lists are small on purpose: a column of names has many rows whose first or last word is a
 * common name, while product names, city names and free text have few. The words are written as
 * `normalizeValue` leaves them (lower case, accents removed).
 */

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

/** Common given names, lower case without accents. */
export const GIVEN_NAMES: ReadonlySet<string> = words(GIVEN);

/** Common surnames, lower case without accents. */
const SURNAMES_SET: ReadonlySet<string> = words(SURNAMES);

/** Whether `word` (lower case, accents removed) is a common given name or surname. */
export function isCommonName(word: string): boolean {
  return GIVEN_NAMES.has(word) || SURNAMES_SET.has(word);
}
