fn main() {
    println!("yusuan {}", env!("CARGO_PKG_VERSION"));
}
