//! What a customer looks like, decided once from their [`Look`]: the same age
//! group and seed always give the same person, so a trainer who likes a face
//! keeps it by keeping the seed.

use super::paint::hex;
use bevy::prelude::Color;
use frontline_core::scenario::Pronouns;
use frontline_core::scenario::model::{Age, Look, Role};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How the hair is cut; decides which shapes are drawn around the head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HairStyle {
    /// Close-cropped cap.
    Short,
    /// Chin-length, framing the face.
    Bob,
    /// Down to the shoulders.
    Long,
    /// Pulled up into a bun on top.
    Bun,
    /// A cloud of curls.
    Curly,
    /// Bald on top, a little left at the sides.
    Receding,
}

impl HairStyle {
    /// Every style, for tests and galleries.
    pub const ALL: [HairStyle; 6] = [
        HairStyle::Short,
        HairStyle::Bob,
        HairStyle::Long,
        HairStyle::Bun,
        HairStyle::Curly,
        HairStyle::Receding,
    ];
}

/// Hair on the lower face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FacialHair {
    /// Clean-shaven.
    None,
    /// A moustache above the mouth.
    Moustache,
    /// A short full beard around the jaw.
    Beard,
}

/// Everything the portrait needs to draw one person.
#[derive(Clone, Debug, PartialEq)]
pub struct Appearance {
    /// The face and hands.
    pub skin: Color,
    /// Hair, eyebrows and facial hair.
    pub hair: Color,
    /// Cut of the hair.
    pub hair_style: HairStyle,
    /// Facial hair, if any.
    pub facial_hair: FacialHair,
    /// Jacket or top.
    pub clothing: Color,
    /// The shirt or collar under it.
    pub collar: Color,
    /// Wears glasses.
    pub glasses: bool,
    /// Wears small earrings.
    pub earrings: bool,
    /// Faint lines around the eyes (older customers).
    pub lines: bool,
    /// Wears a staff lanyard (internal customers: a co-worker).
    pub lanyard: bool,
    /// Width of the face relative to the default (0.9..1.1).
    pub face_width: f32,
}

const SKIN_TONES: [u32; 8] = [
    0xf6d7c3, 0xeec1a0, 0xe0a883, 0xc98e66, 0xa8704a, 0x8d5a3b, 0x6e4430, 0x5a3727,
];
const HAIR_YOUNG_ADULT: [u32; 7] = [
    0x2b1e16, 0x3b2a1f, 0x5a3b24, 0x7b4a2a, 0xa0663a, 0xd0a866, 0x1c1c1f,
];
const HAIR_OLDER: [u32; 5] = [0xd9d6d0, 0xbdbab4, 0x9c9892, 0xe9e6df, 0x6d655e];
const CLOTHING: [u32; 10] = [
    0x3f6e8c, 0x6b8f71, 0xc4785b, 0x8a6fa3, 0xd1a34f, 0x4e5d73, 0xb35d6a, 0x5b8c8a, 0x7a6a58,
    0x2f4f6f,
];
const COLLARS: [u32; 4] = [0xf3f1ec, 0xdfe7ee, 0xf1e4d3, 0x3a3f47];

impl Appearance {
    /// The person drawn for `look`, playing a customer with `role`.
    pub fn new(look: &Look, role: Role) -> Appearance {
        Appearance::for_person(look, role, Pronouns::They)
    }

    /// The person drawn for `look` whose pronouns are `pronouns`: a face
    /// that fits the name and pronouns the lines use (a woman called Priya
    /// is never drawn with a beard).
    pub fn for_person(look: &Look, role: Role, pronouns: Pronouns) -> Appearance {
        let mut rng = ChaCha8Rng::seed_from_u64(look.seed ^ age_salt(look.age));
        let pick = |rng: &mut ChaCha8Rng, list: &[u32]| hex(list[rng.random_range(0..list.len())]);
        let skin = pick(&mut rng, &SKIN_TONES);
        let grey = match look.age {
            Age::Young => false,
            Age::Adult => rng.random_bool(0.15),
            Age::Older => rng.random_bool(0.85),
        };
        let hair = pick(&mut rng, if grey { &HAIR_OLDER } else { &HAIR_YOUNG_ADULT });
        let hair_style = match (look.age, rng.random_range(0..10u32)) {
            (Age::Older, 0..=3) | (Age::Adult, 0) => HairStyle::Receding,
            (_, n) => HairStyle::ALL[n as usize % 5],
        };
        let beard_chance = if look.age == Age::Young { 0.15 } else { 0.3 };
        let facial_hair = if hair_style != HairStyle::Long && rng.random_bool(beard_chance) {
            if rng.random_bool(0.5) {
                FacialHair::Moustache
            } else {
                FacialHair::Beard
            }
        } else {
            FacialHair::None
        };
        // Drawn either way, so the rest of the face does not change; only a
        // man (`He`) keeps it.
        let facial_hair = if pronouns == Pronouns::He {
            facial_hair
        } else {
            FacialHair::None
        };
        let glasses = rng.random_bool(match look.age {
            Age::Young => 0.2,
            Age::Adult => 0.35,
            Age::Older => 0.6,
        });
        Appearance {
            skin,
            hair,
            hair_style,
            facial_hair,
            clothing: pick(&mut rng, &CLOTHING),
            collar: pick(&mut rng, &COLLARS),
            glasses,
            earrings: facial_hair == FacialHair::None && rng.random_bool(0.35),
            lines: look.age == Age::Older,
            lanyard: role == Role::Internal,
            face_width: rng.random_range(0.92..1.08),
        }
    }
}

/// Mixes the age group into the seed so one seed gives related but
/// different people at different ages.
fn age_salt(age: Age) -> u64 {
    match age {
        Age::Young => 0x9e37_79b9_7f4a_7c15,
        Age::Adult => 0,
        Age::Older => 0xc2b2_ae3d_27d4_eb4f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(age: Age, seed: u64) -> Look {
        Look {
            age,
            seed,
            portrait: None,
        }
    }

    #[test]
    fn same_look_same_person() {
        let a = Appearance::new(&look(Age::Adult, 42), Role::External);
        let b = Appearance::new(&look(Age::Adult, 42), Role::External);
        assert_eq!(a, b);
    }

    #[test]
    fn seeds_give_varied_people() {
        let people: Vec<_> = (0..40)
            .map(|s| Appearance::new(&look(Age::Adult, s), Role::External))
            .collect();
        let styles: std::collections::HashSet<_> = people.iter().map(|p| p.hair_style).collect();
        let skins: std::collections::HashSet<_> =
            people.iter().map(|p| format!("{:?}", p.skin)).collect();
        assert!(styles.len() >= 4, "only {styles:?}");
        assert!(skins.len() >= 5, "only {} skin tones", skins.len());
        assert!(people.iter().any(|p| p.glasses) && people.iter().any(|p| !p.glasses));
    }

    #[test]
    fn older_customers_are_mostly_grey_and_lined() {
        let grey = |c: Color| HAIR_OLDER.iter().any(|&h| hex(h) == c);
        let older: Vec<_> = (0..50)
            .map(|s| Appearance::new(&look(Age::Older, s), Role::External))
            .collect();
        let young: Vec<_> = (0..50)
            .map(|s| Appearance::new(&look(Age::Young, s), Role::External))
            .collect();
        assert!(older.iter().filter(|p| grey(p.hair)).count() >= 30);
        assert!(young.iter().all(|p| !grey(p.hair)));
        assert!(older.iter().all(|p| p.lines) && young.iter().all(|p| !p.lines));
    }

    #[test]
    fn internal_customers_wear_a_lanyard() {
        let l = look(Age::Adult, 3);
        assert!(Appearance::new(&l, Role::Internal).lanyard);
        assert!(!Appearance::new(&l, Role::Vendor).lanyard);
    }

    /// A name and its face and pronouns stay together: only a man is drawn
    /// with a beard or moustache, whatever the seed.
    #[test]
    fn only_people_with_he_pronouns_get_facial_hair() {
        for seed in 0..200 {
            for pronouns in [Pronouns::She, Pronouns::They] {
                let a = Appearance::for_person(&look(Age::Adult, seed), Role::External, pronouns);
                assert_eq!(a.facial_hair, FacialHair::None, "seed {seed}");
            }
        }
        let bearded = (0..200)
            .map(|s| Appearance::for_person(&look(Age::Adult, s), Role::External, Pronouns::He))
            .filter(|a| a.facial_hair != FacialHair::None)
            .count();
        assert!(
            bearded > 10,
            "some men still have beards ({bearded} of 200)"
        );
    }
}
