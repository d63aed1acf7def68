//! Table-driven fixtures for recognition and merging. Every text is invented.

use super::*;
use crate::config::KnownPerson;
use crate::text::{paragraphs, sentences_in};

fn sentences(text: &str) -> Vec<Span> {
    paragraphs(text)
        .into_iter()
        .flat_map(|p| sentences_in(text, p))
        .collect()
}

fn people(text: &str) -> Vec<PersonMention> {
    recognise(text, &sentences(text))
}

/// (name as found, full name, role) for each mention, in order.
type Expect<'a> = &'a [(&'a str, &'a str, Option<&'a str>)];

fn check(cases: &[(&str, Expect)]) {
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let got: Vec<(String, String, Option<String>)> = people(text)
            .into_iter()
            .map(|m| {
                assert_eq!(
                    m.span.slice(text),
                    &*m.name,
                    "span and name differ in {text:?}"
                );
                (
                    m.name.to_string(),
                    m.full_name.to_string(),
                    m.role.as_deref().map(str::to_string),
                )
            })
            .collect();
        let want: Vec<(String, String, Option<String>)> = expected
            .iter()
            .map(|(n, f, r)| (n.to_string(), f.to_string(), r.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn names_with_titles_and_roles() {
    check(&[
        (
            "Interior Minister Ana Ruiz said the road would reopen.",
            &[("Ana Ruiz", "Ana Ruiz", Some("interior minister"))],
        ),
        (
            "U.S. Secretary of State John Kerry arrived on Monday.",
            &[("John Kerry", "John Kerry", Some("u.s. secretary of state"))],
        ),
        (
            "Gov. Marta Esquivel declared an emergency.",
            &[("Marta Esquivel", "Marta Esquivel", Some("gov."))],
        ),
        (
            "Ana Ruiz, the health minister, said the wards were full.",
            &[("Ana Ruiz", "Ana Ruiz", Some("health minister"))],
        ),
        (
            "Ruiz, 54, a nurse, was hurt. Elena Ruiz told reporters she was fine.",
            &[
                ("Ruiz", "Elena Ruiz", Some("nurse")),
                ("Elena Ruiz", "Elena Ruiz", None),
            ],
        ),
        (
            "Tomas Ferrer, the mayor of Puerto Claro, visited the site.",
            &[(
                "Tomas Ferrer",
                "Tomas Ferrer",
                Some("mayor of puerto claro"),
            )],
        ),
        (
            "The city's mayor, Tomas Ferrer, visited the site.",
            &[("Tomas Ferrer", "Tomas Ferrer", Some("mayor"))],
        ),
        (
            "Dr. Helena Marsh treated the victims. Dr. Marsh said two were critical.",
            &[
                ("Helena Marsh", "Helena Marsh", Some("dr.")),
                ("Marsh", "Helena Marsh", Some("dr.")),
            ],
        ),
        (
            "Police spokesman Karl Brenner confirmed the arrest.",
            &[("Karl Brenner", "Karl Brenner", Some("police spokesman"))],
        ),
        (
            "Mayor Ortiz said the water was safe.",
            &[("Ortiz", "Ortiz", Some("mayor"))],
        ),
        (
            "Mr. Okafor declined to comment.",
            &[("Okafor", "Okafor", None)],
        ),
        (
            "actress Lindy Loman checked into a clinic.",
            &[("Lindy Loman", "Lindy Loman", Some("actress"))],
        ),
        (
            "Chief Inspector Paul Dorsey led the search.",
            &[("Paul Dorsey", "Paul Dorsey", Some("chief inspector"))],
        ),
        (
            "Sen. Walter Brisk and Judge Irene Calloway met spokesperson Dana Frost.",
            &[
                ("Walter Brisk", "Walter Brisk", Some("sen.")),
                ("Irene Calloway", "Irene Calloway", Some("judge")),
                ("Dana Frost", "Dana Frost", Some("spokesperson")),
            ],
        ),
        (
            "Inspector Maru Okonjo said the lorry was overloaded.",
            &[("Maru Okonjo", "Maru Okonjo", Some("inspector"))],
        ),
        (
            "Dr. Helena van Dijk, head of emergency medicine at Santa Brígida Hospital, said so.",
            &[("Helena van Dijk", "Helena van Dijk", Some("dr."))],
        ),
        (
            "French President Amelie Durand flew in.",
            &[("Amelie Durand", "Amelie Durand", Some("french president"))],
        ),
    ]);
}

#[test]
fn name_shapes() {
    check(&[
        (
            "Ana M. Ruiz and J. R. Smith spoke.",
            &[
                ("Ana M. Ruiz", "Ana M. Ruiz", None),
                ("J. R. Smith", "J. R. Smith", None),
            ],
        ),
        (
            "Martin Luther King Jr. was quoted.",
            &[("Martin Luther King Jr.", "Martin Luther King Jr.", None)],
        ),
        (
            "Ana de la Rosa and Pieter van der Berg met Omar al-Farsi.",
            &[
                ("Ana de la Rosa", "Ana de la Rosa", None),
                ("Pieter van der Berg", "Pieter van der Berg", None),
                ("Omar al-Farsi", "Omar al-Farsi", None),
            ],
        ),
        (
            "Luis Ortega Salcedo was named. Ortega said he was honoured.",
            &[
                ("Luis Ortega Salcedo", "Luis Ortega Salcedo", None),
                ("Ortega", "Luis Ortega Salcedo", None),
            ],
        ),
        (
            "José Núñez lost his home. Núñez said the river rose at night.",
            &[
                ("José Núñez", "José Núñez", None),
                ("Núñez", "José Núñez", None),
            ],
        ),
        (
            "Ana de la Rosa was hurt. De la Rosa said she ran.",
            &[
                ("Ana de la Rosa", "Ana de la Rosa", None),
                ("De la Rosa", "Ana de la Rosa", None),
            ],
        ),
        (
            "Karim bin Tariq sailed. Later, said bin Tariq, the ship sank. Julia de Armas agreed with de Armas.",
            &[
                ("Karim bin Tariq", "Karim bin Tariq", None),
                ("bin Tariq", "Karim bin Tariq", None),
                ("Julia de Armas", "Julia de Armas", None),
                ("de Armas", "Julia de Armas", None),
            ],
        ),
        (
            "Tomás de la Rosa spoke first, then de la Rosa left.",
            &[
                ("Tomás de la Rosa", "Tomás de la Rosa", None),
                ("de la Rosa", "Tomás de la Rosa", None),
            ],
        ),
        (
            "Mary O'Brien and Pierre D'Amato were there.",
            &[
                ("Mary O'Brien", "Mary O'Brien", None),
                ("Pierre D'Amato", "Pierre D'Amato", None),
            ],
        ),
        (
            "Kowalczyk Brzeski said the bridge had cracked.",
            &[("Kowalczyk Brzeski", "Kowalczyk Brzeski", None)],
        ),
    ]);
}

#[test]
fn surname_and_possessive_mentions_resolve() {
    check(&[
        (
            "Salcedo's lawyer spoke. Later Luis Ortega Salcedo appeared.",
            &[
                ("Salcedo", "Luis Ortega Salcedo", None),
                ("Luis Ortega Salcedo", "Luis Ortega Salcedo", None),
            ],
        ),
        (
            "Pedro Ruiz and Ana Ruiz were rescued. Ana Ruiz said Ruiz was calm.",
            &[
                ("Pedro Ruiz", "Pedro Ruiz", None),
                ("Ana Ruiz", "Ana Ruiz", None),
                ("Ana Ruiz", "Ana Ruiz", None),
                ("Ruiz", "Ana Ruiz", None),
            ],
        ),
        (
            "Luis Fernando Ortega Salcedo won. Luis Ortega Salcedo thanked voters.",
            &[
                (
                    "Luis Fernando Ortega Salcedo",
                    "Luis Fernando Ortega Salcedo",
                    None,
                ),
                ("Luis Ortega Salcedo", "Luis Fernando Ortega Salcedo", None),
            ],
        ),
        (
            "Ana Marino met Marin.",
            &[("Ana Marino", "Ana Marino", None)],
        ),
        (
            "James Oler was charged. James O. Eastland was not.",
            &[
                ("James Oler", "James Oler", None),
                ("James O. Eastland", "James O. Eastland", None),
            ],
        ),
        (
            "Enter Beus, then a dairy farmer. Karl Beus sold the farm, and we enter the year.",
            &[
                ("Beus", "Karl Beus", Some("dairy farmer")),
                ("Karl Beus", "Karl Beus", None),
            ],
        ),
        (
            "Ana Maria Ruiz spoke. Maria was not there.",
            &[("Ana Maria Ruiz", "Ana Maria Ruiz", None)],
        ),
    ]);
}

#[test]
fn things_that_are_not_people() {
    check(&[
        ("The Ministry of Health said 40 people were treated.", &[]),
        ("The Red Cross and the United Nations sent aid.", &[]),
        ("She was taken to St. Mary's Hospital on Calle Real.", &[]),
        ("Valdemora FC beat Puerto Claro United on Sunday.", &[]),
        ("Officials said the Minister would visit in March.", &[]),
        ("Police said the Mayor was informed on Monday.", &[]),
        ("The storm hit Valdemora and New Brisbury overnight.", &[]),
        ("The Valley Herald reported the fire first.", &[]),
        ("Residents of Santa Lucia gathered at Plaza Mayor.", &[]),
        ("The Health Ministry spokesman declined to comment.", &[]),
        ("NATO and the UN met in Geneva.", &[]),
        ("Costa Verde Bank said profits fell.", &[]),
        ("The Supreme Court ruled on Tuesday.", &[]),
        ("Traffic on Avenida Central was halted.", &[]),
        ("Officials in Valdemora said the roads were closed.", &[]),
        ("Grupo Andino Holdings said the deal was off.", &[]),
        ("The U.S. Marshals Service said it was searching.", &[]),
        (
            "Agents of the F. B. I. and N. J. police searched the house.",
            &[],
        ),
        ("The gems came from the Harry Winston jewelry store.", &[]),
        (
            "Ruiz told Valley Morning Star that the road was closed.",
            &[],
        ),
        ("The Duke Blue Devils beat the Wildcats.", &[]),
        (
            "The Charlotte Hornets and the Denver Nuggets said the game was off.",
            &[],
        ),
        (
            "Specifically, he said the bid was too low. He said it specifically.",
            &[],
        ),
    ]);
}

#[test]
fn every_role_stated_with_a_mention_is_kept() {
    let text =
        "Dr. Helena van Dijk, head of emergency medicine at Santa Brígida Hospital, said so.";
    let found = people(text);
    assert_eq!(
        found[0].roles.iter().map(|r| &**r).collect::<Vec<_>>(),
        vec![
            "dr.",
            "head of emergency medicine at santa brígida hospital"
        ]
    );
    let text = "Paola Marino, who leads the dockworkers' union, said the port was unsafe.";
    assert_eq!(
        people(text)[0]
            .roles
            .iter()
            .map(|r| &**r)
            .collect::<Vec<_>>(),
        vec!["leads the dockworkers' union"]
    );
}

#[test]
fn headline_lines_only_count_known_names() {
    let text = "Lindy Loman Checks Into Clinic Again\n\nActress Lindy Loman checked into a clinic.";
    let got: Vec<String> = people(text)
        .into_iter()
        .map(|m| m.name.to_string())
        .collect();
    assert_eq!(got, vec!["Lindy Loman", "Lindy Loman"]);
}

#[test]
fn headline_with_numbers_is_still_a_headline() {
    let text = "Doctor Who Revealed: Peter Capaldi Cast as the 12th Time Lord!\n\nPeter Capaldi will play the Doctor.";
    let got: Vec<String> = people(text)
        .into_iter()
        .map(|m| m.name.to_string())
        .collect();
    assert_eq!(got, vec!["Peter Capaldi", "Peter Capaldi"]);
}

#[test]
fn no_panic_on_odd_text() {
    for text in [
        "",
        "’s",
        "Dr.",
        "Ana",
        "Mr. .",
        "De la",
        "\"Ruiz,\" said.",
        "Ana Ruiz's's",
        "É É É É",
        "日本 Ana Ruiz 東京 said",
        "Ana\u{0301} Ruíz, , , said",
    ] {
        let _ = people(text);
    }
}

fn mention(name: &str, full: &str, role: Option<&str>) -> PersonMention {
    PersonMention {
        span: Span::default(),
        name: name.into(),
        full_name: full.into(),
        role: role.map(Into::into),
        roles: role.map(Into::into).into_iter().collect(),
    }
}

/// Names of the merged entities, each with its mentions as (article, index).
fn merged(
    articles: &[Vec<PersonMention>],
    known: &[KnownPerson],
) -> Vec<(String, Vec<(usize, usize)>)> {
    let refs: Vec<&[PersonMention]> = articles.iter().map(Vec::as_slice).collect();
    merge(&refs, known)
        .into_iter()
        .map(|e| (e.name, e.mentions))
        .collect()
}

#[test]
fn merge_rules() {
    let m = |n: &str| mention(n, n, None);
    type Case<'a> = (Vec<Vec<PersonMention>>, Vec<(&'a str, Vec<(usize, usize)>)>);
    let cases: Vec<Case> = vec![
        // accent-folded equality
        (
            vec![vec![m("José Núñez")], vec![m("Jose Nunez")]],
            vec![("José Núñez", vec![(0, 0), (1, 0)])],
        ),
        // token subset: the fullest name wins
        (
            vec![
                vec![m("Luis Ortega Salcedo")],
                vec![m("Luis Fernando Ortega Salcedo")],
            ],
            vec![("Luis Fernando Ortega Salcedo", vec![(0, 0), (1, 0)])],
        ),
        // Spanish double surname cited by the first surname
        (
            vec![vec![m("Luis Ortega")], vec![m("Luis Ortega Salcedo")]],
            vec![("Luis Ortega Salcedo", vec![(0, 0), (1, 0)])],
        ),
        // middle initial optional
        (
            vec![vec![m("Ana M. Ruiz")], vec![m("Ana Ruiz")]],
            vec![("Ana M. Ruiz", vec![(0, 0), (1, 0)])],
        ),
        // surname alone, unambiguous in the workspace
        (
            vec![vec![m("Salcedo")], vec![m("Luis Ortega Salcedo")]],
            vec![("Luis Ortega Salcedo", vec![(0, 0), (1, 0)])],
        ),
        // a surname that is a prefix of another never merges
        (
            vec![vec![m("Marin")], vec![m("Ana Marino")]],
            vec![("Marin", vec![(0, 0)]), ("Ana Marino", vec![(1, 0)])],
        ),
        // different first names, same surname: apart; the bare surname joins neither
        (
            vec![vec![m("Ana Ruiz"), m("Pedro Ruiz")], vec![m("Ruiz")]],
            vec![
                ("Ana Ruiz", vec![(0, 0)]),
                ("Pedro Ruiz", vec![(0, 1)]),
                ("Ruiz", vec![(1, 0)]),
            ],
        ),
        // within an article, resolved mentions follow their full name
        (
            vec![vec![
                m("Ana Ruiz"),
                mention("Ruiz", "Ana Ruiz", Some("mayor")),
            ]],
            vec![("Ana Ruiz", vec![(0, 0), (0, 1)])],
        ),
        // a name ending in an initial does not swallow an other one
        (
            vec![
                vec![m("Ana Ruiz")],
                vec![m("Ana Ruiz Vega"), m("Ana Ruiz Mora")],
            ],
            vec![
                ("Ana Ruiz", vec![(0, 0)]),
                ("Ana Ruiz Vega", vec![(1, 0)]),
                ("Ana Ruiz Mora", vec![(1, 1)]),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (articles, want) in cases {
        let got = merged(&articles, &[]);
        let want: Vec<(String, Vec<(usize, usize)>)> =
            want.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        if got_sorted != want_sorted {
            failures.push(format!("got {got:?}\n want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn merge_known_people_aliases_and_roles() {
    let known = vec![KnownPerson {
        name: "Ana María Ruiz".into(),
        aliases: vec!["Annie Ruiz".into()],
        description: Some("Mayor of Puerto Claro".into()),
    }];
    let articles = [
        vec![mention("Annie Ruiz", "Annie Ruiz", Some("mayor"))],
        vec![
            mention("Ana Ruiz", "Ana Ruiz", Some("mayor")),
            mention("Ruiz", "Ana Ruiz", Some("mayor")),
        ],
        vec![mention("Carlos Vega", "Carlos Vega", None)],
    ];
    let refs: Vec<&[PersonMention]> = articles.iter().map(Vec::as_slice).collect();
    let entities = merge(&refs, &known);
    assert_eq!(entities.len(), 2, "{entities:?}");
    let ruiz = &entities[0];
    assert_eq!(ruiz.id, "p-ana-ruiz");
    assert_eq!(ruiz.mentions, vec![(0, 0), (1, 0), (1, 1)]);
    assert_eq!(
        ruiz.roles,
        vec![(0, "mayor".to_string()), (1, "mayor".to_string())]
    );
    assert_eq!(ruiz.description.as_deref(), Some("Mayor of Puerto Claro"));
    assert_eq!(entities[1].id, "p-carlos-vega");
    assert_eq!(entities[1].description, None);
}

#[test]
fn refers_to_table() {
    let k = |s: &str| name_keys(s);
    for (short, long, want) in [
        ("Salcedo", "Luis Ortega Salcedo", true),
        ("Ortega", "Luis Ortega Salcedo", true),
        ("Luis", "Luis Ortega Salcedo", false),
        ("Maria", "Ana Maria Ruiz", false),
        ("Marin", "Ana Marino", false),
        ("A. Ruiz", "Ana Ruiz", true),
        ("Pedro Ruiz", "Ana Ruiz", false),
        ("Xi", "Xi Jinping", true),
        ("De la Rosa", "Ana de la Rosa", true),
        ("Rosa", "Ana de la Rosa", true),
        ("de", "Ana de la Rosa", false),
        ("King", "Martin Luther King Jr.", true),
        ("Ruiz", "Ruíz", true),
    ] {
        assert_eq!(refers_to(&k(short), &k(long)), want, "{short} / {long}");
    }
}

#[test]
fn ids_are_slugs_of_folded_names() {
    assert_eq!(slug("José Núñez-Ortega"), "jose-nunez-ortega");
    assert_eq!(name_keys("J.R. Smith Jr."), vec!["j", "r", "smith"]);
}

#[test]
fn large_article_stays_fast() {
    // 4,000 sentences naming 2,000 different people, then citing them by surname
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!("Ana Ruiz{i} said the bridge was safe. "));
    }
    for i in 0..2000 {
        text.push_str(&format!("Ruiz{i} added that it was. "));
    }
    // Scale is measured in benchmarks; here: every mention found and resolved.
    let found = people(&text);
    assert_eq!(found.len(), 4000);
}
