//! "Did you mean ...?" suggestions for misspelt names.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, c)| (distance, c.len()))
        .map(|(_, c)| c)
}

/// `Some("did you mean `x`?")` when a close candidate exists.
pub fn help_for<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let nodes = ["annoyed", "account", "calm"];
        assert_eq!(did_you_mean("annoyd", nodes), Some("annoyed"));
        assert_eq!(did_you_mean("Calm", nodes), Some("calm"));
        assert_eq!(did_you_mean("weather", nodes), None);
    }
}
