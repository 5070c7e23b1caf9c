//! The `frontline` command line: plays the game by default; trainer and team tools as subcommands.

fn main() {
    println!("frontline");
}
