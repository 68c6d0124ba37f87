locals {
  # seconds, per consumer
  timeouts = {
    orders = 120
    audit  = 30
  }
  visibility = {
    orders = 90
    audit  = 180
  }
}
