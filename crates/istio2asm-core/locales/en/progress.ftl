# progress — en
