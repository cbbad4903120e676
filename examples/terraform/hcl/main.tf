# The grantform config of this example (../grantform.config.ts) in plain HCL, with the Terraform
# provider grantform/grantform: tenant `litware`, a server-to-server integration for a data sync and a
# web app for a dashboard, and a token requested with the data sync's own credentials to prove it works.
# Run it against an emulator with ../run-hcl.sh (see ../README.md).

terraform {
  required_version = ">= 1.11"
  required_providers {
    grantform = { source = "grantform/grantform", version = "0.1.0" }
  }
}

variable "endpoint" {
  description = "The grantform emulator's origin."
  type        = string
  default     = "http://127.0.0.1:4010"
}

provider "grantform" {
  target   = "emulator"
  endpoint = var.endpoint
  # Client secrets go to this file (mode 0600) by env name, never to terraform.tfstate or plans.
  secrets_file = ".grantform/terraform.secrets.json"
}

resource "grantform_tenant" "litware" {
  name       = "litware"
  enterprise = { mid = 300, name = "Litware" }
  business_units = [
    { mid = 301, name = "Litware Online" },
  ]
}

resource "grantform_installed_package" "data_sync" {
  tenant_id   = grantform_tenant.litware.id
  name        = "data-sync"
  description = "Warehouse to data extensions"
}

resource "grantform_api_integration" "data_sync" {
  package_id     = grantform_installed_package.data_sync.id
  type           = "server-to-server"
  scopes         = ["data_extensions_read", "data_extensions_write"]
  business_units = [301]
}

resource "grantform_installed_package" "dashboard" {
  tenant_id   = grantform_tenant.litware.id
  name        = "dashboard"
  description = "Campaign dashboard"
}

resource "grantform_api_integration" "dashboard" {
  package_id    = grantform_installed_package.dashboard.id
  type          = "web-app"
  scopes        = ["offline", "email_read"]
  redirect_uris = ["https://dashboard.litware.example/oauth/callback"]
}

# Proves the data sync works, like `grantform verify`: a real client_credentials token for BU 301.
data "grantform_token" "data_sync" {
  client_id         = grantform_api_integration.data_sync.client_id
  client_secret_env = grantform_api_integration.data_sync.client_secret_env
  auth_url          = grantform_api_integration.data_sync.endpoints["auth"]
  account_id        = 301
}

output "data_sync_client_id" {
  value = grantform_api_integration.data_sync.client_id
}

output "data_sync_client_secret_env" {
  description = "Where the client secret is: this env name in .grantform/terraform.secrets.json."
  value       = grantform_api_integration.data_sync.client_secret_env
}

output "data_sync_token" {
  value = "business unit ${data.grantform_token.data_sync.business_unit}, scopes ${join(" ", sort(data.grantform_token.data_sync.scopes))}"
}
