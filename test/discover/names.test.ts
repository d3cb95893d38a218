import { describe, expect, it } from 'vitest';
import { nameMatch, nameTokens, type NameKind, type NameLanguage } from '../../src/discover/names.js';

describe('name tokens', () => {
  it.each([
    ['dateOfBirth', ['date', 'of', 'birth']],
    ['date_of_birth', ['date', 'of', 'birth']],
    ['Date-Of-Birth', ['date', 'of', 'birth']],
    ['DATE OF BIRTH', ['date', 'of', 'birth']],
    ['SSNNumber', ['ssn', 'number']],
    ['ipv4Address', ['ipv', '4', 'address']],
    ['Staatsangehörigkeit', ['staatsangehorigkeit']],
    ['raça', ['raca']],
  ])('splits %s into %j', (name, tokens) => {
    expect(nameTokens(name)).toEqual(tokens);
  });
});

describe('name rules in five languages', () => {
  it.each([
    // sex / gender
    ['sex', 'sex', 'en'], ['Gender', 'sex', 'en'], ['gender_identity', 'sex', 'en'], ['sexo', 'sex', 'es'],
    ['género', 'sex', 'es'], ['Sexe', 'sex', 'fr'], ['Geschlecht', 'sex', 'de'],
    // race / ethnicity
    ['race', 'race', 'en'], ['Ethnicity', 'race', 'en'], ['raza', 'race', 'es'], ['etnia', 'race', 'es'],
    ['origine_ethnique', 'race', 'fr'], ['ethnie', 'race', 'fr'], ['Rasse', 'race', 'de'], ['raça', 'race', 'pt'],
    // age
    ['age', 'age', 'en'], ['applicantAge', 'age', 'en'], ['edad', 'age', 'es'], ['âge', 'age', 'en'],
    ['tranche_d_âge', 'age', 'fr'], ['Altersgruppe', 'age', 'de'], ['idade', 'age', 'pt'], ['faixa_etaria', 'age', 'pt'],
    // date of birth
    ['dateOfBirth', 'date_of_birth', 'en'], ['Date-Of-Birth', 'date_of_birth', 'en'], ['DOB', 'date_of_birth', 'en'],
    ['fecha_de_nacimiento', 'date_of_birth', 'es'], ['date_de_naissance', 'date_of_birth', 'fr'],
    ['Geburtsdatum', 'date_of_birth', 'de'], ['data_de_nascimento', 'date_of_birth', 'pt'],
    // religion
    ['religion', 'religion', 'en'], ['religión', 'religion', 'en'], ['confesion', 'religion', 'es'],
    ['culte', 'religion', 'fr'], ['Konfession', 'religion', 'de'], ['religião', 'religion', 'pt'],
    // nationality, citizenship, country of birth
    ['nationality', 'nationality', 'en'], ['country_of_birth', 'nationality', 'en'], ['citizenship', 'nationality', 'en'],
    ['native-country', 'nationality', 'en'], ['nacionalidad', 'nationality', 'es'], ['lugar_de_nacimiento', 'nationality', 'es'],
    ['nationalité', 'nationality', 'fr'], ['pays_de_naissance', 'nationality', 'fr'], ['Staatsangehörigkeit', 'nationality', 'de'],
    ['Geburtsland', 'nationality', 'de'], ['nacionalidade', 'nationality', 'pt'], ['país_de_nascimento', 'nationality', 'pt'],
    // disability
    ['disability', 'disability', 'en'], ['discapacidad', 'disability', 'es'], ['handicap', 'disability', 'en'],
    ['invalidité', 'disability', 'fr'], ['Behinderung', 'disability', 'de'], ['deficiência', 'disability', 'pt'],
    // marital / family status
    ['MaritalStatus', 'marital_status', 'en'], ['family_status', 'marital_status', 'en'], ['estado_civil', 'marital_status', 'es'],
    ['situation_familiale', 'marital_status', 'fr'], ['Familienstand', 'marital_status', 'de'], ['situação_familiar', 'marital_status', 'pt'],
    // pregnancy
    ['is_pregnant', 'pregnancy', 'en'], ['embarazo', 'pregnancy', 'es'], ['grossesse', 'pregnancy', 'fr'],
    ['Schwangerschaft', 'pregnancy', 'de'], ['gravidez', 'pregnancy', 'pt'],
    // sexual orientation
    ['sexual_orientation', 'sexual_orientation', 'en'], ['orientación_sexual', 'sexual_orientation', 'es'],
    ['orientation_sexuelle', 'sexual_orientation', 'fr'], ['sexuelle_Orientierung', 'sexual_orientation', 'de'],
    ['orientação_sexual', 'sexual_orientation', 'pt'],
    // veteran status
    ['veteran_status', 'veteran_status', 'en'], ['veterano', 'veteran_status', 'es'], ['ancien_combattant', 'veteran_status', 'fr'],
    ['Kriegsveteran', 'veteran_status', 'de'], ['serviço_militar', 'veteran_status', 'pt'],
    // language
    ['language', 'language', 'en'], ['idioma', 'language', 'es'], ['langue_maternelle', 'language', 'fr'],
    ['Muttersprache', 'language', 'de'], ['língua', 'language', 'pt'],
    // identifiers
    ['full_name', 'name', 'en'], ['firstName', 'name', 'en'], ['name', 'name', 'en'], ['apellido', 'name', 'es'],
    ['prénom', 'name', 'fr'], ['Nachname', 'name', 'de'], ['sobrenome', 'name', 'pt'],
    ['email', 'email', 'en'], ['E-Mail-Adresse', 'email', 'de'], ['emailAddress', 'email', 'en'], ['correo_electronico', 'email', 'es'],
    ['courriel', 'email', 'fr'], ['correio_eletrônico', 'email', 'pt'],
    ['phone_number', 'phone', 'en'], ['teléfono', 'phone', 'es'], ['numero_de_telephone', 'phone', 'fr'],
    ['Telefonnummer', 'phone', 'de'], ['telefone', 'phone', 'pt'],
    ['SSN', 'national_id', 'en'], ['social_security_number', 'national_id', 'en'], ['dni', 'national_id', 'es'],
    ['numero_de_securite_sociale', 'national_id', 'fr'], ['Sozialversicherungsnummer', 'national_id', 'de'], ['cpf', 'national_id', 'pt'],
    ['passport_no', 'passport', 'en'], ['pasaporte', 'passport', 'es'], ['passeport', 'passport', 'fr'],
    ['Reisepass', 'passport', 'de'], ['passaporte', 'passport', 'pt'],
    ['account_number', 'account', 'en'], ['numero_de_cuenta', 'account', 'es'], ['numéro_de_compte', 'account', 'fr'],
    ['Kontonummer', 'account', 'de'], ['numero_da_conta', 'account', 'pt'],
    ['ip_address', 'ip', 'en'], ['IPAddress', 'ip', 'en'], ['direccion_ip', 'ip', 'es'], ['adresse_ip', 'ip', 'fr'],
    ['IP-Adresse', 'ip', 'de'], ['endereço_ip', 'ip', 'pt'],
    ['home_address', 'address', 'en'], ['dirección', 'address', 'es'], ['adresse', 'address', 'fr'],
    ['Anschrift', 'address', 'de'], ['endereço', 'address', 'pt'],
    ['credit_card', 'payment_card', 'en'], ['numero_de_tarjeta', 'payment_card', 'es'], ['carte_bancaire', 'payment_card', 'fr'],
    ['Kreditkarte', 'payment_card', 'de'], ['cartão_de_crédito', 'payment_card', 'pt'],
    ['iban', 'iban', 'en'], ['zipCode', 'zip', 'en'], ['PLZ', 'zip', 'de'], ['postcode', 'postcode', 'en'],
    ['customer_id', 'record_id', 'en'], ['row_id', 'row_number', 'en'],
  ])('%s → %s (%s)', (name, kind, language) => {
    const match = nameMatch(name);
    expect(match?.kind).toBe(kind);
    expect(match?.language).toBe(language);
  });

  it.each(['essex_branch', 'usage', 'message', 'storage', 'passage', 'mileage', 'sexton', 'raceway', 'product_name', 'file_name', 'accountant', 'phoneme', 'emailed_at', 'zipper_type'])('finds nothing in %s', (name) => {
    expect(nameMatch(name)).toBeUndefined();
  });

  it('prefers the longest match: country of birth is nationality, email address is an email, ip address an ip', () => {
    expect(nameMatch('country_of_birth')?.kind).toBe('nationality');
    expect(nameMatch('lugar_de_nacimiento')?.kind).toBe('nationality');
    expect(nameMatch('email_address')?.kind).toBe('email');
    expect(nameMatch('client_ip_address')?.kind).toBe('ip');
  });

  it('matches `age` as a whole token, so value rules must judge age_of_account_days', () => {
    expect(nameMatch('age_of_account_days')?.kind).toBe('age');
    expect(nameMatch('age_of_account_days')?.weak).toBe(false);
  });

  it('marks ambiguous synonyms as weak, to be confirmed by values', () => {
    expect(nameMatch('genre')).toMatchObject({ kind: 'sex', weak: true, language: 'fr' });
    expect(nameMatch('mobile')).toMatchObject({ kind: 'phone', weak: true });
  });
});

/**
 * Per language, column names for every protected category of the issue and every identifier
 * kind, written as plain words. Each is tried as snake_case, camelCase, UPPER-KEBAB and
 * Title Case: the forms are built here, not by the tokenizer under test.
 */
const BY_LANGUAGE: Record<NameLanguage, [NameKind, string[]][]> = {
  en: [
    ['sex', ['sex', 'gender']],
    ['race', ['race', 'ethnicity', 'ethnic group']],
    ['age', ['age', 'applicant age', 'age band']],
    ['date_of_birth', ['date of birth', 'dob']],
    ['religion', ['religion', 'faith']],
    ['nationality', ['nationality', 'citizenship', 'country of birth']],
    ['disability', ['disability', 'disability status']],
    ['marital_status', ['marital status', 'family status']],
    ['pregnancy', ['pregnancy', 'is pregnant']],
    ['sexual_orientation', ['sexual orientation']],
    ['veteran_status', ['veteran status']],
    ['language', ['primary language', 'mother tongue']],
    ['name', ['first name', 'full name', 'surname']],
    ['email', ['email', 'e mail', 'email address']],
    ['phone', ['phone number', 'telephone']],
    ['national_id', ['ssn', 'social security number', 'national id']],
    ['passport', ['passport number']],
    ['account', ['account number', 'username']],
    ['ip', ['ip address', 'client ip']],
    ['address', ['home address', 'street']],
  ],
  es: [
    ['sex', ['sexo', 'género', 'identidad de género']],
    ['race', ['raza', 'grupo étnico']],
    ['age', ['edad', 'rango de edad']],
    ['date_of_birth', ['fecha de nacimiento']],
    ['religion', ['confesión', 'creencia religiosa']],
    ['nationality', ['nacionalidad', 'ciudadanía', 'país de nacimiento']],
    ['disability', ['discapacidad']],
    ['marital_status', ['estado civil', 'situación familiar']],
    ['pregnancy', ['embarazo', 'embarazada']],
    ['sexual_orientation', ['orientación sexual']],
    ['veteran_status', ['veterano', 'excombatiente']],
    ['language', ['idioma', 'lengua materna']],
    ['name', ['apellidos', 'nombre completo']],
    ['email', ['correo electrónico']],
    ['phone', ['teléfono', 'número de teléfono']],
    ['national_id', ['dni', 'número de seguridad social']],
    ['passport', ['pasaporte']],
    ['account', ['número de cuenta']],
    ['ip', ['dirección ip']],
    ['address', ['dirección', 'domicilio']],
  ],
  fr: [
    ['sex', ['sexe', 'identité de genre']],
    ['race', ['origine ethnique', 'ethnie']],
    ['age', ["tranche d'âge", "classe d'âge"]],
    ['date_of_birth', ['date de naissance']],
    ['religion', ['culte', 'confession']],
    ['nationality', ['nationalité', 'citoyenneté', 'pays de naissance']],
    ['disability', ['invalidité', 'handicapé']],
    ['marital_status', ['situation matrimoniale', 'situation familiale']],
    ['pregnancy', ['grossesse', 'enceinte']],
    ['sexual_orientation', ['orientation sexuelle']],
    ['veteran_status', ['ancien combattant']],
    ['language', ['langue', 'langue maternelle']],
    ['name', ['prénom', 'nom de famille']],
    ['email', ['courriel', 'adresse mail']],
    ['phone', ['numéro de téléphone']],
    ['national_id', ['numéro de sécurité sociale']],
    ['passport', ['passeport']],
    ['account', ['numéro de compte']],
    ['ip', ['adresse ip']],
    ['address', ['adresse', 'domicile']],
  ],
  de: [
    ['sex', ['geschlecht']],
    ['race', ['ethnische herkunft', 'rasse']],
    ['age', ['altersgruppe', 'lebensalter']],
    ['date_of_birth', ['geburtsdatum', 'geburtsjahr']],
    ['religion', ['konfession', 'religionszugehörigkeit']],
    ['nationality', ['staatsangehörigkeit', 'staatsbürgerschaft', 'geburtsland']],
    ['disability', ['behinderung', 'schwerbehindert']],
    ['marital_status', ['familienstand']],
    ['pregnancy', ['schwangerschaft', 'schwanger']],
    ['sexual_orientation', ['sexuelle orientierung']],
    ['veteran_status', ['kriegsveteran', 'wehrdienst']],
    ['language', ['sprache', 'muttersprache']],
    ['name', ['vorname', 'nachname']],
    ['email', ['e mail adresse', 'emailadresse']],
    ['phone', ['telefonnummer', 'handy']],
    ['national_id', ['sozialversicherungsnummer', 'steuer id']],
    ['passport', ['reisepass', 'passnummer']],
    ['account', ['kontonummer', 'benutzername']],
    ['ip', ['ip adresse']],
    ['address', ['anschrift', 'straße']],
  ],
  pt: [
    ['sex', ['sexo', 'gênero', 'sexo biológico', 'identidade de gênero']],
    ['race', ['raça', 'cor ou raça', 'origem étnica']],
    ['age', ['idade', 'faixa etária']],
    ['date_of_birth', ['data de nascimento']],
    ['religion', ['religião', 'credo']],
    ['nationality', ['nacionalidade', 'cidadania', 'país de nascimento']],
    ['disability', ['deficiência', 'pcd']],
    ['marital_status', ['estado civil', 'situação familiar']],
    ['pregnancy', ['gravidez', 'gestante']],
    ['sexual_orientation', ['orientação sexual']],
    ['veteran_status', ['veterano', 'serviço militar']],
    ['language', ['língua', 'língua materna']],
    ['name', ['nome completo', 'sobrenome']],
    ['email', ['correio eletrônico']],
    ['phone', ['telefone', 'telemóvel']],
    ['national_id', ['cpf', 'cartão de cidadão']],
    ['passport', ['passaporte']],
    ['account', ['número da conta']],
    ['ip', ['endereço ip']],
    ['address', ['endereço', 'morada']],
  ],
};

/** The spellings a column name comes in, built from its words. */
function spellings(words: string): string[] {
  const parts = words.split(/[\s']+/);
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return [
    parts.join('_'),
    parts[0] + parts.slice(1).map(cap).join(''),
    parts.join('-').toUpperCase(),
    parts.map(cap).join(' '),
  ];
}

const PROTECTED_KINDS: NameKind[] = [
  'sex', 'race', 'age', 'date_of_birth', 'religion', 'nationality', 'disability', 'marital_status', 'pregnancy',
  'sexual_orientation', 'veteran_status', 'language',
];
const IDENTIFIER_KINDS: NameKind[] = ['name', 'email', 'phone', 'national_id', 'passport', 'account', 'ip', 'address'];

describe.each(Object.keys(BY_LANGUAGE) as NameLanguage[])('name rules in %s', (language) => {
  const table = BY_LANGUAGE[language];

  it('covers every protected category and every identifier kind of the issue', () => {
    expect(table.map(([kind]) => kind).sort()).toEqual([...PROTECTED_KINDS, ...IDENTIFIER_KINDS].sort());
  });

  it('recognizes each name in snake_case, camelCase, UPPER-KEBAB and Title Case, as a word of this language', () => {
    for (const [kind, names] of table) {
      for (const words of names) {
        for (const name of spellings(words)) {
          const match = nameMatch(name);
          expect(match?.kind, `${name}`).toBe(kind);
          expect(match?.languages, `${name}`).toContain(language);
        }
      }
    }
  });
});

describe('name evidence for words shared by languages', () => {
  it('lists every language a synonym belongs to', () => {
    expect(nameMatch('sexo')?.languages).toEqual(['es', 'pt']);
    expect(nameMatch('estado_civil')?.languages).toEqual(['es', 'pt']);
    expect(nameMatch('sexo_biologico')?.languages).toEqual(['pt']);
  });
});
