# platform -> service -> pipeline -> stage -> queue / function: five module levels down to the queue
module "platform" {
  source = "./modules/platform"

  environment = var.environment
}
