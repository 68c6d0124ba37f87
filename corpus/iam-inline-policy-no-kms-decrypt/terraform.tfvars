grant_kms_decrypt = false
