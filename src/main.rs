fn main() -> std::process::ExitCode {
    connector_wizard::cli::main()
}
