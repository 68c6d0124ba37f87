grant_kms_decrypt = true
