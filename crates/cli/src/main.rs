fn main() {
    println!("sinergi");
}
