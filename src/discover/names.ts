/**
 * Name rules: what a column's name says it holds. Names are split into lower-case,
 * accent-free tokens (`dateOfBirth`, `date_of_birth` and `Date-Of-Birth` all give
 * `date of birth`), and a synonym matches only a run of whole tokens, so `essex_branch`,
 * `usage` and `message` never match `sex` or `age`.
 *
 * Precedence: the match covering the most tokens wins (`country_of_birth` is nationality, not
 * date of birth; `email_address` is an email, not an address; ties go to the earlier table
 * entry). A name match is only a hypothesis: the value rules then confirm or reject it
 * (`age_of_account_days` matches `age`, and its values, far beyond human ages, reject it).
 * Weak synonyms (`genre`, `cell`, `mobile`, …) count only when the values confirm them.
 */
import type { IdentifierKind, ProtectedKind } from '../results/index.js';

/** Languages the synonyms come in. */
export type NameLanguage = 'en' | 'es' | 'fr' | 'de' | 'pt';

/** What a name can point at: a protected kind, an identifier kind, or a plain row number. */
export type NameKind = ProtectedKind | IdentifierKind | 'row_number';

/** One synonym match in a column name. */
export interface NameMatch {
  kind: NameKind;
  /** The synonym as matched, tokens joined by spaces (`fecha de nacimiento`). */
  synonym: string;
  language: NameLanguage;
  /** Every language the synonym is a word of (`sexo`: Spanish and Portuguese), `language` first. */
  languages: NameLanguage[];
  /** Only counts when the values confirm it. */
  weak: boolean;
  /** Matches only when it is the whole name (`name`, `nom`, `account`). */
  whole: boolean;
}

const LANGUAGE_NAMES: Record<NameLanguage, string> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  pt: 'Portuguese',
};

/** The language's name in English, for evidence text. */
function languageName(language: NameLanguage): string {
  return LANGUAGE_NAMES[language];
}

/**
 * The languages of a match, for evidence text: `Spanish/Portuguese`, or empty when English is
 * among them (an English word needs no gloss).
 *
 * @example
 * languagesText(['es', 'pt']); // 'Spanish/Portuguese'
 */
export function languagesText(languages: readonly NameLanguage[]): string {
  return languages.includes('en') ? '' : languages.map(languageName).join('/');
}

/**
 * Synonyms per kind and language. `~word` is weak (values must confirm it), `=word` matches
 * only as the whole column name. Words are written as {@link nameTokens} leaves them: lower
 * case, accents removed, spaces between tokens.
 */
const SYNONYMS: Record<NameKind, Partial<Record<NameLanguage, string[]>>> = {
  date_of_birth: {
    en: ['date of birth', 'birth date', 'birthdate', 'dateofbirth', 'dob', 'birthday', 'year of birth', 'birth year', 'yob', '~born', 'born on'],
    es: ['fecha de nacimiento', 'fecha nacimiento', 'fechanacimiento', 'nacimiento', 'ano de nacimiento', 'fecha nac'],
    fr: ['date de naissance', 'date naissance', 'naissance', 'annee de naissance'],
    de: ['geburtsdatum', 'geburtstag', 'geburtsjahr'],
    pt: ['data de nascimento', 'data nascimento', 'nascimento', 'ano de nascimento', 'dt nasc'],
  },
  nationality: {
    en: ['nationality', 'citizenship', 'citizen', 'country of birth', 'birth country', 'place of birth', 'birthplace', 'native country', 'country of origin', 'national origin', 'immigration status'],
    es: ['nacionalidad', 'ciudadania', 'pais de nacimiento', 'lugar de nacimiento', 'pais de origen'],
    fr: ['nationalite', 'citoyennete', 'pays de naissance', 'lieu de naissance', 'pays d origine', 'pays origine'],
    de: ['staatsangehorigkeit', 'nationalitat', 'staatsburgerschaft', 'geburtsland', 'geburtsort', 'herkunftsland'],
    pt: ['nacionalidade', 'cidadania', 'pais de nascimento', 'local de nascimento', 'naturalidade', 'pais de origem'],
  },
  sex: {
    en: ['sex', 'gender', 'gender identity'],
    es: ['sexo', 'genero', 'identidad de genero'],
    fr: ['sexe', '~genre', 'identite de genre'],
    de: ['geschlecht', 'geschlechtsidentitat'],
    pt: ['sexo', 'genero', 'sexo biologico', 'identidade de genero'],
  },
  race: {
    en: ['race', 'ethnicity', 'ethnic', 'ethnic group', 'ethnic origin', 'racial', 'race ethnicity'],
    es: ['raza', 'etnia', 'origen etnico', 'grupo etnico'],
    fr: ['ethnie', 'origine ethnique', 'ethnicite'],
    de: ['rasse', 'ethnie', 'ethnische herkunft', 'ethnizitat', 'ethnische zugehorigkeit'],
    pt: ['raca', 'etnia', 'cor ou raca', '~cor', 'origem etnica'],
  },
  age: {
    en: ['age', 'age group', 'age band', 'age bracket', 'age range', 'senior citizen'],
    es: ['edad', 'grupo de edad', 'rango de edad'],
    fr: ['tranche d age', 'classe d age'],
    de: ['~alter', 'altersgruppe', 'altersklasse', 'lebensalter'],
    pt: ['idade', 'faixa etaria'],
  },
  religion: {
    en: ['religion', 'religious affiliation', 'religious', 'faith', '~belief', '~denomination'],
    es: ['religion', 'confesion', 'creencia religiosa'],
    fr: ['religion', 'confession', 'culte'],
    de: ['religion', 'konfession', 'religionszugehorigkeit', '~glaube'],
    pt: ['religiao', 'crenca', 'credo'],
  },
  disability: {
    en: ['disability', 'disabled', 'disability status', 'handicap', 'impairment', 'handicapped'],
    es: ['discapacidad', 'minusvalia', 'discapacitado'],
    fr: ['handicap', 'invalidite', 'handicape'],
    de: ['behinderung', 'schwerbehinderung', 'behindert', 'schwerbehindert'],
    pt: ['deficiencia', 'incapacidade', 'deficiente', 'pcd'],
  },
  marital_status: {
    en: ['marital status', 'marital', 'married', 'marriage', 'family status', 'civil status', 'relationship status', '~relationship', 'spouse'],
    es: ['estado civil', 'situacion familiar'],
    fr: ['etat civil', 'situation familiale', 'situation matrimoniale'],
    de: ['familienstand', 'zivilstand'],
    pt: ['estado civil', 'situacao familiar'],
  },
  pregnancy: {
    en: ['pregnancy', 'pregnant', 'maternity', 'pregnancy status'],
    es: ['embarazo', 'embarazada', 'maternidad'],
    fr: ['grossesse', 'enceinte', 'maternite'],
    de: ['schwangerschaft', 'schwanger', 'mutterschaft'],
    pt: ['gravidez', 'gravida', 'gestante', 'gestacao', 'maternidade'],
  },
  sexual_orientation: {
    en: ['sexual orientation', 'sexuality', '~orientation', 'lgbt', 'lgbtq', 'lgbtqia'],
    es: ['orientacion sexual'],
    fr: ['orientation sexuelle'],
    de: ['sexuelle orientierung', 'sexuelle ausrichtung'],
    pt: ['orientacao sexual'],
  },
  veteran_status: {
    en: ['veteran', 'veteran status', 'military service', 'military status', 'armed forces', 'protected veteran'],
    es: ['veterano', 'excombatiente', 'servicio militar'],
    fr: ['ancien combattant', 'veteran', 'service militaire'],
    de: ['kriegsveteran', 'wehrdienst', 'veteran'],
    pt: ['veterano', 'ex combatente', 'servico militar'],
  },
  language: {
    en: ['language', 'languages', 'primary language', 'native language', 'mother tongue', 'spoken language', 'preferred language', '=lang'],
    es: ['idioma', 'lengua', 'lengua materna'],
    fr: ['langue', 'langue maternelle'],
    de: ['sprache', 'muttersprache'],
    pt: ['idioma', 'lingua', 'lingua materna'],
  },
  email: {
    en: ['email', 'e mail', 'email address', 'emailaddress', '=mail'],
    es: ['correo', 'correo electronico'],
    fr: ['courriel', 'adresse email', 'adresse mail', '~mel'],
    de: ['emailadresse', 'e mail adresse', 'email adresse', 'mailadresse'],
    pt: ['correio eletronico'],
  },
  ip: {
    en: ['ip', 'ip address', 'ipaddress', 'ipv', 'ip addr', 'remote addr', 'client ip'],
    es: ['direccion ip'],
    fr: ['adresse ip'],
    de: ['ip adresse'],
    pt: ['endereco ip'],
  },
  phone: {
    en: ['phone', 'phone number', 'telephone', 'tel', 'telephone number', 'phonenumber', '~mobile', 'mobile number', 'mobile phone', '~cell', 'cellphone', 'cell phone', 'fax', 'msisdn'],
    es: ['telefono', 'numero de telefono', '~movil', 'celular'],
    fr: ['numero de telephone', '~portable'],
    de: ['telefon', 'telefonnummer', 'handy', 'handynummer', 'mobilnummer'],
    pt: ['telefone', 'telemovel', 'numero de telefone'],
  },
  national_id: {
    en: ['ssn', 'social security number', 'social security', 'national id', 'national identity number', 'national insurance number', 'nino', 'nin', 'tax id', 'taxpayer id', 'itin', '~tin', '~sin', 'id number', 'identity number', 'driver license', 'drivers license', 'driving licence', 'driver license number'],
    es: ['dni', 'nif', 'nie', 'curp', 'rut', 'cedula', 'documento de identidad', 'numero de seguridad social'],
    fr: ['nir', 'numero de securite sociale', 'securite sociale', 'insee', 'carte d identite', 'numero fiscal'],
    de: ['personalausweisnummer', 'personalausweis', 'sozialversicherungsnummer', 'steuer id', 'steueridentifikationsnummer', 'steuernummer'],
    pt: ['cpf', '~rg', 'bilhete de identidade', 'cartao de cidadao', 'numero de identificacao'],
  },
  passport: {
    en: ['passport', 'passport number', 'passport no'],
    es: ['pasaporte'],
    fr: ['passeport'],
    de: ['reisepass', 'passnummer', 'reisepassnummer'],
    pt: ['passaporte'],
  },
  payment_card: {
    en: ['credit card', 'card number', 'card no', 'cardnumber', 'creditcard', 'cc number', 'ccn', 'debit card', '~pan'],
    es: ['tarjeta', 'numero de tarjeta', 'tarjeta de credito'],
    fr: ['carte bancaire', 'numero de carte', 'carte de credit'],
    de: ['kreditkarte', 'kartennummer', 'kreditkartennummer'],
    pt: ['cartao', 'numero do cartao', 'cartao de credito'],
  },
  iban: {
    en: ['iban', 'bank account number'],
    es: ['cuenta bancaria'],
    fr: ['rib', 'compte bancaire'],
    de: ['bankverbindung'],
    pt: ['nib', 'conta bancaria'],
  },
  account: {
    en: ['=account', 'account number', 'account no', 'account id', 'acct', 'acct no', 'username', 'user name', '=login'],
    es: ['numero de cuenta', '=cuenta', '=usuario'],
    fr: ['numero de compte', '=compte', '=identifiant', '=utilisateur'],
    de: ['kontonummer', '=konto', 'benutzername', '=benutzer'],
    pt: ['numero da conta', '=conta', '=usuario', '=utilizador'],
  },
  name: {
    en: ['=name', 'full name', 'first name', 'last name', 'given name', 'family name', 'surname', 'middle name', 'firstname', 'lastname', 'fullname', 'forename', 'maiden name', 'customer name', 'client name', 'applicant name', 'patient name', 'employee name', 'person name', 'contact name', 'cardholder name',
      // Names split into parts, and the names of other people a record mentions.
      '=first', '=last', '=middle', '=given', 'fname', 'lname', 'mname', 'first names', 'last names', 'given names', 'surnames', 'middle initial',
      'manager name', 'supervisor name', 'contact person', 'emergency contact', 'next of kin', 'spouse name', 'parent name', 'guardian name',
      'owner name', 'agent name', 'officer name', 'doctor name', 'physician name', 'provider name', 'nurse name', 'attorney name', 'judge name',
      'recruiter name', 'interviewer name', 'reviewer name', 'approver name', 'referrer name', 'representative name', 'student name', 'teacher name',
      'caseworker', 'case worker', '~manager', '~supervisor', '~contact', '~recruiter', '~interviewer', '~reviewer', '~approver', '~physician',
      '~doctor', '~attorney', '~referred by', '~assigned to', '~owner'],
    es: ['=nombre', 'nombre completo', 'apellido', 'apellidos', 'primer apellido', 'segundo apellido', 'nombre del cliente'],
    fr: ['=nom', 'prenom', 'nom de famille', 'nom complet', 'nom du client'],
    de: ['vorname', 'nachname', 'familienname', 'vollstandiger name', 'rufname'],
    pt: ['=nome', 'sobrenome', 'nome completo', '=apelido', 'nome do cliente'],
  },
  address: {
    en: ['address', 'street', 'street address', 'home address', 'mailing address', 'address line', 'addr', 'residence address'],
    es: ['direccion', 'domicilio', 'calle'],
    fr: ['adresse', 'rue', 'domicile'],
    de: ['adresse', 'anschrift', 'strasse', 'straße', 'wohnadresse'],
    pt: ['endereco', 'morada', 'rua'],
  },
  zip: {
    en: ['zip', 'zip code', 'zipcode', 'zip5', 'zip4'],
    es: ['codigo postal', '~cp'],
    fr: ['code postal'],
    de: ['plz', 'postleitzahl'],
    pt: ['cep', 'codigo postal'],
  },
  postcode: {
    en: ['postcode', 'post code', 'postal code', 'postalcode', 'postal'],
  },
  record_id: {
    en: ['customer id', 'client id', 'patient id', 'user id', 'member id', 'employee id', 'applicant id', 'person id', 'customer number', 'mrn', 'medical record number', 'beneficiary id', 'health plan number', 'policy number', 'candidate id', 'candidate number', 'student id', 'student number', 'employee number', 'staff id', 'applicant number',
      // Case, ticket and record numbers: near-unique codes that point at one person's file.
      'case number', 'case id', 'case no', 'case nr', 'ticket number', 'ticket id', 'ticket no', 'record number', 'record no', 'booking number',
      'booking id', 'claim number', 'claim id', 'docket number', 'inmate number', 'badge number', 'employee no', 'emp id', 'empid', 'employee code',
      'staff number', 'personnel number', 'file number', 'reference number', 'chart number', '~ticket', '~case'],
    es: ['id cliente', 'id del cliente', 'numero de cliente'],
    fr: ['id client', 'numero client', 'identifiant client'],
    de: ['kundennummer', 'kunden id', 'patientennummer'],
    pt: ['id cliente', 'numero do cliente'],
  },
  url: {
    en: ['url', 'website', 'homepage', 'web page', 'profile url'],
    es: ['sitio web', 'pagina web'],
    fr: ['site web'],
    de: ['webseite'],
    pt: ['~site', '~pagina'],
  },
  // Dates and datetimes other than birth dates: quasi-identifiers, confirmed by their values.
  date: {
    en: ['~date', '~datetime', '~timestamp', '~dt', '~admission', '~discharge', '~jail in', '~jail out', '~custody', '~arrest'],
    es: ['~fecha'],
    fr: ['~date'],
    de: ['~datum'],
    pt: ['~data'],
  },
  row_number: {
    en: ['=id', '=row id', '=rowid', '=row', '=row number', '=index', '=idx', '=record id', '=row nr'],
  },
};

interface Synonym extends NameMatch {
  tokens: string[];
}

// Built on first use: a run that never matches a column name (audit, mask of named columns,
// --version) need not build it at start-up.
let table: Synonym[] | undefined;

function buildTable(): Synonym[] {
  const table: Synonym[] = [];
  // The same word in two languages (`sexo`, `estado civil`) is one entry that lists both.
  const seen = new Map<string, Synonym>();
  for (const [kind, byLanguage] of Object.entries(SYNONYMS) as [NameKind, Partial<Record<NameLanguage, string[]>>][]) {
    for (const [language, words] of Object.entries(byLanguage) as [NameLanguage, string[]][]) {
      for (const word of words) {
        const weak = word.startsWith('~');
        const whole = word.startsWith('=');
        const synonym = word.replace(/^[~=]/, '');
        const key = `${kind}\u0000${synonym}`;
        const earlier = seen.get(key);
        if (earlier) {
          earlier.languages.push(language);
          continue;
        }
        const entry: Synonym = { kind, synonym, language, languages: [language], weak, whole, tokens: synonym.split(' ') };
        seen.set(key, entry);
        table.push(entry);
      }
    }
  }
  return table;
}

/**
 * Splits a column name into lower-case tokens without accents: camelCase, separators
 * (`_ - . space`), and letter–digit boundaries all split.
 *
 * @example
 * nameTokens('dateOfBirth'); // ['date', 'of', 'birth']
 * nameTokens('Geschlecht_2'); // ['geschlecht', '2']
 */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Every synonym that matches `name` on whole tokens, best first: the longest match first, then
 * table order. Empty when nothing matches.
 *
 * @example
 * nameMatches('fecha_de_nacimiento')[0]; // { kind: 'date_of_birth', synonym: 'fecha de nacimiento', language: 'es', … }
 * nameMatches('essex_branch'); // []
 */
export function nameMatches(name: string): NameMatch[] {
  const tokens = nameTokens(name);
  const found: { match: NameMatch; length: number; order: number }[] = [];
  (table ??= buildTable()).forEach((synonym, order) => {
    const hit = synonym.whole ? sameTokens(tokens, synonym.tokens) : containsRun(tokens, synonym.tokens);
    if (hit) {
      const { tokens: _tokens, ...match } = synonym;
      found.push({ match: { ...match, languages: [...match.languages] }, length: synonym.tokens.length, order });
    }
  });
  found.sort((a, b) => b.length - a.length || a.order - b.order);
  return found.map((f) => f.match);
}

/** The best match of {@link nameMatches}, or undefined. */
export function nameMatch(name: string): NameMatch | undefined {
  return nameMatches(name)[0];
}

function sameTokens(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function containsRun(tokens: string[], run: string[]): boolean {
  outer: for (let start = 0; start + run.length <= tokens.length; start++) {
    for (let j = 0; j < run.length; j++) if (tokens[start + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
