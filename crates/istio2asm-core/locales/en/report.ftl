# report — en
