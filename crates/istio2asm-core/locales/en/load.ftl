# load — en
