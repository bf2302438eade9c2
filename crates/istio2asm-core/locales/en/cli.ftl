# cli — en
