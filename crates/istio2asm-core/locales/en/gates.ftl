# gates — en
